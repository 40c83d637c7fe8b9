namespace Doudi.Registry;

/// <summary>
/// A household (一户一档): the people living together, where they live and the program it is enrolled in.
/// Every nullable fact is one that was never given: recomputation says so instead of guessing.
/// </summary>
public sealed class Household
{
    public long Id { get; set; }

    /// <summary>The external household number (the roster's <c>household_id</c>).</summary>
    public required string HouseholdNo { get; set; }

    /// <summary>County of residence (县级, 6 digits); its figures apply.</summary>
    public required string CountyCode { get; set; }

    /// <summary>Township of residence (乡镇/街道, 9 digits). Region scoping compares against it.</summary>
    public required string TownshipCode { get; set; }

    /// <summary>Village or community (村/社区, 12 digits), when known.</summary>
    public string? VillageCode { get; set; }

    public string? Address { get; set; }

    /// <summary><c>urban</c> (城镇) or <c>rural</c> (农村).</summary>
    public required string Area { get; set; }

    /// <summary>Current household program: dibao dibao_edge expenditure_hardship tekun none.</summary>
    public required string Program { get; set; }

    public decimal MonthlyAmount { get; set; }

    public DateOnly ProgramSince { get; set; }

    public decimal? FinancialAssets { get; set; }
    public int? ResidentialProperties { get; set; }
    public int? NonResidentialProperties { get; set; }
    public int? Vehicles { get; set; }
    public int? Businesses { get; set; }
    public decimal? RigidSpending12m { get; set; }
    public decimal? AnnualIncome { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Concurrency token: bumped on every change.</summary>
    public int Version { get; set; }

    public List<Member> Members { get; set; } = [];
    public List<Enrolment> Enrolments { get; set; } = [];
}
