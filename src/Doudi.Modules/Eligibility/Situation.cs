using Doudi.Kernel;
using Doudi.Policy;

namespace Doudi.Eligibility;

/// <summary>A household's facts on an assessment date (the contract's "situation").</summary>
public sealed record Situation(
    DateOnly Date,
    string County,
    Area Area,
    IReadOnlyList<Member> Members,
    Assets Assets,
    decimal? AnnualIncome,
    decimal RigidSpending12m);

public sealed record Member
{
    public required string Key { get; init; }
    public required Sex Sex { get; init; }
    public required DateOnly BirthDate { get; init; }
    public Disability? Disability { get; init; }
    public bool SeriousIllness { get; init; }
    /// <summary>Holds a 门特 (special outpatient disease) certificate.</summary>
    public bool SpecialOutpatient { get; init; }
    public bool FullTimeStudent { get; init; }
    public bool Childless { get; init; }
    public bool RefusesWork { get; init; }
    public bool UnableToWorkCertified { get; init; }
    /// <summary>How many of the six daily activities the person cannot do (0–6).</summary>
    public int AdlUnable { get; init; }
    public Supporter Supporter { get; init; } = Supporter.Able;
    public IReadOnlyList<ParentStatus> Parents { get; init; } = [];
    public Care Care { get; init; } = Care.Scattered;
    /// <summary>Monthly income of the counted kinds (wages, business, property, transfer, pension).</summary>
    public decimal CountedIncome { get; init; }
}

public sealed record Disability(DisabilityCategory Category, int Grade);

public sealed record Assets(decimal Financial, int ResidentialProperties, int NonResidentialProperties, int Vehicles, int Businesses)
{
    public static readonly Assets None = new(0, 0, 0, 0, 0);
}

public enum DisabilityCategory
{
    Physical,
    Visual,
    Hearing,
    Speech,
    Intellectual,
    Mental,
    Multiple,
}

/// <summary>The person's legal supporters (赡养/抚养/扶养义务人), wherever they live.</summary>
public enum Supporter
{
    None,
    Unable,
    Able,
}

public enum ParentStatus
{
    Alive,
    Dead,
    Missing,
    SevereDisability,
    SeriousIllness,
    Imprisoned,
    DrugRehabilitation,
    DeprivedOfLiberty,
    OutOfContact,
}

public enum Care
{
    Institutional,
    Scattered,
}

/// <summary>One thing wrong with the input, at its JSON path (<c>$.members[0].sex</c>).</summary>
public sealed record InputProblem(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
