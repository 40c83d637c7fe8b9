namespace Doudi.Registry;

/// <summary>
/// A person's membership of a household. The same person in two households is two rows (that is what
/// duplicate enrolment monitoring finds). A member who leaves keeps the row with <see cref="LeftOn"/>.
/// </summary>
public sealed class Member
{
    public long Id { get; set; }
    public long HouseholdId { get; set; }
    public Household? Household { get; set; }

    /// <summary>Normalised 18-character ID number.</summary>
    public required string IdNumber { get; set; }
    public required string Name { get; set; }
    public required string Sex { get; set; }
    public DateOnly BirthDate { get; set; }

    /// <summary>Relation to the head: head spouse child parent grandchild grandparent sibling other.</summary>
    public required string Relation { get; set; }

    /// <summary>户籍地 (registered residence) region code, when known; may lie outside Guangdong.</summary>
    public string? HukouCode { get; set; }

    public string? DisabilityCategory { get; set; }
    public int? DisabilityGrade { get; set; }
    public bool? SeriousIllness { get; set; }

    /// <summary>Counted monthly income (the roster's <c>monthly_income</c>).</summary>
    public decimal MonthlyIncome { get; set; }

    // Income by kind (monthly averages); null when never given.
    public decimal? IncomeWages { get; set; }
    public decimal? IncomeBusiness { get; set; }
    public decimal? IncomeProperty { get; set; }
    public decimal? IncomeTransfer { get; set; }
    public decimal? IncomePension { get; set; }
    public decimal? IncomeBasicPension { get; set; }
    public decimal? IncomeNotCounted { get; set; }

    public bool? FullTimeStudent { get; set; }
    public bool? Childless { get; set; }
    public bool? RefusesWork { get; set; }
    public bool? SpecialOutpatient { get; set; }
    public bool? UnableToWorkCertified { get; set; }

    /// <summary>How many of the six daily activities the person cannot do (0–6).</summary>
    public int? AdlUnable { get; set; }

    /// <summary>none | unable | able.</summary>
    public string? Supporter { get; set; }
    public string? Parent1 { get; set; }
    public string? Parent2 { get; set; }

    /// <summary>institutional | scattered.</summary>
    public string? Care { get; set; }

    /// <summary>The member's individual programs, ';'-separated (empty = none).</summary>
    public string MemberPrograms { get; set; } = "";

    public DateOnly JoinedOn { get; set; }

    /// <summary>When the person left the household (history kept); null while a member.</summary>
    public DateOnly? LeftOn { get; set; }

    public bool IsCurrent => LeftOn is null;
}
