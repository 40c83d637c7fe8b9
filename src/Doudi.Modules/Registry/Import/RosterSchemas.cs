using System.Text.RegularExpressions;
using Doudi.Imports;

namespace Doudi.Registry.Import;

/// <summary>The two files of the registry roster (data-files.md, "Registry roster").</summary>
public static partial class RosterSchemas
{
    [GeneratedRegex("^[A-Za-z0-9-]{1,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex HouseholdIdPattern();

    [GeneratedRegex(@"^\d{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex CountyPattern();

    [GeneratedRegex(@"^\d{9}$", RegexOptions.CultureInvariant)]
    private static partial Regex TownshipPattern();

    private static Column HouseholdId() => new("household_id", ValueKind.Text)
    {
        Pattern = HouseholdIdPattern(),
        PatternHint = "household_id 须为 1–32 个字母、数字或 -",
    };

    private static Column Count(string name) => new Column(name, ValueKind.WholeNumber) { Min = 0 }.AsOptionalFact();

    private static Column Yuan(string name) => new Column(name, ValueKind.Money).AsOptionalFact();

    private static Column Flag(string name) => new Column(name, ValueKind.Boolean).AsOptionalFact();

    public static readonly string[] ParentStatuses =
        ["alive", "dead", "missing", "severe_disability", "serious_illness", "imprisoned", "drug_rehabilitation", "deprived_of_liberty", "out_of_contact"];

    public static class H
    {
        public static readonly Column HouseholdId = RosterSchemas.HouseholdId();
        public static readonly Column County = new("county", ValueKind.Text) { Pattern = CountyPattern(), PatternHint = "county 须为 6 位县级区划代码" };
        public static readonly Column Township = new("township", ValueKind.Text) { Pattern = TownshipPattern(), PatternHint = "township 须为 9 位乡镇代码（县级代码 + 3 位）" };
        public static readonly Column Area = new("area", ValueKind.Code) { Codes = ["urban", "rural"] };
        public static readonly Column Program = new("program", ValueKind.Code) { Codes = Programs.Household };
        public static readonly Column MonthlyAmount = new("monthly_amount", ValueKind.Money);
        public static readonly Column Since = new("since", ValueKind.Date);
        public static readonly Column FinancialAssets = Yuan("financial_assets");
        public static readonly Column ResidentialProperties = Count("residential_properties");
        public static readonly Column NonResidentialProperties = Count("non_residential_properties");
        public static readonly Column Vehicles = Count("vehicles");
        public static readonly Column Businesses = Count("businesses");
        public static readonly Column RigidSpending12m = Yuan("rigid_spending_12m");
        public static readonly Column AnnualIncome = Yuan("annual_income");
    }

    public static class M
    {
        public static readonly Column HouseholdId = RosterSchemas.HouseholdId();
        public static readonly Column IdNumber = new("id_number", ValueKind.IdNumber);
        public static readonly Column Name = new("name", ValueKind.Name);
        public static readonly Column Sex = new("sex", ValueKind.Code) { Codes = ["male", "female"] };
        public static readonly Column BirthDate = new("birth_date", ValueKind.Date);
        public static readonly Column Relation = new("relation", ValueKind.Code)
        {
            Codes = ["head", "spouse", "child", "parent", "grandchild", "grandparent", "sibling", "other"],
        };
        public static readonly Column DisabilityCategory = new("disability_category", ValueKind.Code)
        {
            Codes = ["physical", "visual", "hearing", "speech", "intellectual", "mental", "multiple"],
            AllowEmpty = true,
        };
        public static readonly Column DisabilityGrade = new("disability_grade", ValueKind.WholeNumber) { Min = 1, Max = 4, AllowEmpty = true };
        public static readonly Column SeriousIllness = new("serious_illness", ValueKind.Boolean);
        public static readonly Column MonthlyIncome = new("monthly_income", ValueKind.Money);
        public static readonly Column MemberProgram = new Column("member_program", ValueKind.CodeList) { Codes = Programs.Individual }.AsOptionalFact();
        public static readonly Column IncomeWages = Yuan("income_wages");
        public static readonly Column IncomeBusiness = Yuan("income_business");
        public static readonly Column IncomeProperty = Yuan("income_property");
        public static readonly Column IncomeTransfer = Yuan("income_transfer");
        public static readonly Column IncomePension = Yuan("income_pension");
        public static readonly Column IncomeBasicPension = Yuan("income_basic_pension");
        public static readonly Column IncomeNotCounted = Yuan("income_not_counted");
        public static readonly Column FullTimeStudent = Flag("full_time_student");
        public static readonly Column Childless = Flag("childless");
        public static readonly Column RefusesWork = Flag("refuses_work");
        public static readonly Column SpecialOutpatient = Flag("special_outpatient");
        public static readonly Column UnableToWorkCertified = Flag("unable_to_work_certified");
        public static readonly Column AdlUnable = new Column("adl_unable", ValueKind.WholeNumber) { Min = 0, Max = 6 }.AsOptionalFact();
        public static readonly Column Supporter = new Column("supporter", ValueKind.Code) { Codes = ["none", "unable", "able"] }.AsOptionalFact();
        public static readonly Column Parent1 = new Column("parent_1", ValueKind.Code) { Codes = ParentStatuses }.AsOptionalFact();
        public static readonly Column Parent2 = new Column("parent_2", ValueKind.Code) { Codes = ParentStatuses }.AsOptionalFact();
        public static readonly Column Care = new Column("care", ValueKind.Code) { Codes = ["institutional", "scattered"] }.AsOptionalFact();

        /// <summary>The counted kinds: monthly_income must equal their sum when any is given (guangdong-rules §3).</summary>
        public static readonly Column[] CountedIncome = [IncomeWages, IncomeBusiness, IncomeProperty, IncomeTransfer, IncomePension];
    }

    public static readonly FileSchema Households = new("households",
        H.HouseholdId, H.County, H.Township, H.Area, H.Program, H.MonthlyAmount, H.Since,
        H.FinancialAssets, H.ResidentialProperties, H.NonResidentialProperties, H.Vehicles, H.Businesses,
        H.RigidSpending12m, H.AnnualIncome);

    public static readonly FileSchema Members = new("members",
        M.HouseholdId, M.IdNumber, M.Name, M.Sex, M.BirthDate, M.Relation, M.DisabilityCategory, M.DisabilityGrade,
        M.SeriousIllness, M.MonthlyIncome, M.MemberProgram,
        M.IncomeWages, M.IncomeBusiness, M.IncomeProperty, M.IncomeTransfer, M.IncomePension, M.IncomeBasicPension,
        M.IncomeNotCounted, M.FullTimeStudent, M.Childless, M.RefusesWork, M.SpecialOutpatient, M.UnableToWorkCertified,
        M.AdlUnable, M.Supporter, M.Parent1, M.Parent2, M.Care);

    /// <summary>The column order written by the demo generator and documented for senders.</summary>
    public static IEnumerable<string> HeaderOf(FileSchema schema) => schema.Columns.Select(c => c.Name);
}
