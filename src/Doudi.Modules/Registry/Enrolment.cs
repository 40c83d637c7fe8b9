namespace Doudi.Registry;

/// <summary>
/// One period of a program: the household's (MemberId null) or a member's individual program.
/// A change of program closes the open period the day before the new one starts.
/// </summary>
public sealed class Enrolment
{
    public long Id { get; set; }
    public long HouseholdId { get; set; }
    public long? MemberId { get; set; }
    public required string Program { get; set; }
    public decimal MonthlyAmount { get; set; }
    public DateOnly From { get; set; }

    /// <summary>Last day in the program (inclusive); null while open.</summary>
    public DateOnly? To { get; set; }

    /// <summary>What recorded it: an import batch, an application decision, a review.</summary>
    public string? Source { get; set; }
}

public static class Programs
{
    public static readonly string[] Household = ["dibao", "dibao_edge", "expenditure_hardship", "tekun", "none"];

    public static readonly string[] Individual =
    [
        "dibao_individual", "tekun", "disability_care_subsidy", "disability_living_subsidy",
        "orphan_allowance", "unsupported_child_allowance",
    ];

    public static string ChineseName(string program) => program switch
    {
        "dibao" => "低保",
        "dibao_individual" => "单人保",
        "dibao_edge" => "低保边缘",
        "expenditure_hardship" => "支出型困难",
        "tekun" => "特困",
        "disability_care_subsidy" => "重度残疾人护理补贴",
        "disability_living_subsidy" => "困难残疾人生活补贴",
        "orphan_allowance" => "孤儿基本生活费",
        "unsupported_child_allowance" => "事实无人抚养儿童生活费",
        "none" => "未纳入",
        _ => program,
    };
}
