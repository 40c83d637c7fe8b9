using Doudi.Kernel;

namespace Doudi.Registry.Demo;

public sealed record DemoOptions(int Households, int Seed = 1, DateOnly? AsOf = null);

public sealed record DemoPlace(string Code, string Name, string ParentCode);

public sealed class DemoMember
{
    public required string IdNumber { get; init; }
    public required string Name { get; init; }
    public required string Sex { get; init; }
    public DateOnly BirthDate { get; init; }
    public required string Relation { get; init; }
    public string? DisabilityCategory { get; set; }
    public int? DisabilityGrade { get; set; }
    public bool SeriousIllness { get; set; }
    public decimal Wages { get; set; }
    public decimal Business { get; set; }
    public decimal Property { get; set; }
    public decimal Transfer { get; set; }
    public decimal Pension { get; set; }
    public decimal BasicPension { get; set; }
    public decimal NotCounted { get; set; }
    public bool FullTimeStudent { get; set; }
    public bool Childless { get; set; }
    public bool SpecialOutpatient { get; set; }
    public bool UnableToWorkCertified { get; set; }
    public int AdlUnable { get; set; }
    public string Supporter { get; set; } = "able";
    public string? Parent1 { get; set; }
    public string? Parent2 { get; set; }
    public List<string> Programs { get; } = [];

    /// <summary>Counted income (guangdong-rules §3): the basic pension and subsidies are not counted.</summary>
    public decimal CountedIncome => Wages + Business + Property + Transfer + Pension;
}

public sealed class DemoHousehold
{
    public required string HouseholdNo { get; init; }
    public required DemoPlace Township { get; init; }
    public required DemoPlace Village { get; init; }
    public required string Area { get; init; }
    public string Program { get; set; } = "none";
    public decimal MonthlyAmount { get; set; }
    public DateOnly Since { get; set; }
    public decimal FinancialAssets { get; set; }
    public int ResidentialProperties { get; set; }
    public int Vehicles { get; set; }
    public decimal RigidSpending12m { get; set; }
    public List<DemoMember> Members { get; } = [];

    public decimal CountedIncome => Members.Sum(m => m.CountedIncome);
}

/// <summary>
/// A synthetic county for trying and benchmarking: townships and villages with Chinese names, households
/// of about 2.6 people with valid ID numbers, incomes, disabilities and enrolments. Deterministic for a seed.
/// Files are written by <see cref="IDemoFileWriter"/>s (the roster now; department feeds can add theirs).
/// </summary>
public sealed class DemoRegion
{
    public required County County { get; init; }
    public required DateOnly AsOf { get; init; }
    public required int Seed { get; init; }
    public required IReadOnlyList<DemoPlace> Townships { get; init; }
    public required IReadOnlyList<DemoPlace> Villages { get; init; }
    public required IReadOnlyList<DemoHousehold> Households { get; init; }

    /// <summary>A random source for writers that add data about the same region (feeds), derived from the seed.</summary>
    public Random RandomFor(string purpose) => new(unchecked((Seed * 7919) + StableHash(purpose)));

    /// <summary>The people's ID numbers already used, so that writers inventing outsiders avoid them.</summary>
    public IEnumerable<DemoMember> People => Households.SelectMany(h => h.Members);

    public static DemoRegion Generate(DemoOptions options) => new DemoGenerator(options).Run();

    /// <summary>
    /// Loads about 2,000 demo households (with township and village names) into a database with no household yet,
    /// through the roster import. Used by <c>serve</c>; returns false when the registry was not empty.
    /// </summary>
    public static Task<bool> LoadIfEmptyAsync(Doudi.Persistence.DatabaseLocation location, CancellationToken ct) =>
        DemoRegionLoader.LoadIfEmptyAsync(location, ct);

    private static int StableHash(string text)
    {
        var h = 17;
        foreach (var c in text) h = unchecked(h * 31 + c);
        return h;
    }
}
