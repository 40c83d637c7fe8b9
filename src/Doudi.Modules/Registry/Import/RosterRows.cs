namespace Doudi.Registry.Import;

/// <summary>A valid households.csv row.</summary>
internal sealed record HouseholdRow(
    int Line, string HouseholdNo, string County, string Township, string Area, string Program, decimal MonthlyAmount,
    DateOnly Since, HouseholdFacts Facts);

/// <summary>The facts of a household that recomputation needs; null = never given.</summary>
internal sealed record HouseholdFacts(
    decimal? FinancialAssets, int? ResidentialProperties, int? NonResidentialProperties, int? Vehicles, int? Businesses,
    decimal? RigidSpending12m, decimal? AnnualIncome);

/// <summary>A valid members.csv row.</summary>
internal sealed record MemberRow(int Line, string HouseholdNo, MemberFacts Facts);

/// <summary>Everything stored about a member; compared field by field to tell "unchanged" from "updated".</summary>
internal sealed record MemberFacts(
    string IdNumber, string Name, string Sex, DateOnly BirthDate, string Relation,
    string? DisabilityCategory, int? DisabilityGrade, bool? SeriousIllness, decimal MonthlyIncome,
    decimal? IncomeWages, decimal? IncomeBusiness, decimal? IncomeProperty, decimal? IncomeTransfer, decimal? IncomePension,
    decimal? IncomeBasicPension, decimal? IncomeNotCounted,
    bool? FullTimeStudent, bool? Childless, bool? RefusesWork, bool? SpecialOutpatient, bool? UnableToWorkCertified,
    int? AdlUnable, string? Supporter, string? Parent1, string? Parent2, string? Care, string MemberPrograms)
{
    public IEnumerable<string> Programs => MemberPrograms.Length == 0 ? [] : MemberPrograms.Split(';');
}
