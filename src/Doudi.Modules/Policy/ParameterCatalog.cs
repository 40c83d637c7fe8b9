namespace Doudi.Policy;

/// <summary>城镇 or 农村: only class-4 counties give them different 低保 standards.</summary>
public enum Area
{
    Urban,
    Rural,
}

/// <summary>
/// A parameter the rules may read: its name in <c>policy/parameters</c>, its unit, and whether a city or
/// county figure may never fall below the class or provincial figure (<see cref="IsFloor"/>).
/// </summary>
public sealed record ParameterDef(string Name, string Unit, bool IsFloor = false);

/// <summary>
/// Every parameter the code knows. The data files must use these names and units: a name not listed here,
/// or a unit that differs, is an error when the files are loaded.
/// </summary>
public static class Parameters
{
    public static readonly ParameterDef AreaClass = new("region.area_class", Units.Class);

    public static readonly ParameterDef DibaoStandard = new("dibao.standard", Units.YuanPerMonth, IsFloor: true);
    public static readonly ParameterDef AddonRate = new("dibao.addon_rate", Units.Rate);
    public static readonly ParameterDef AddonAgeMale = new("dibao.addon_age_male", Units.Years);
    public static readonly ParameterDef AddonAgeFemale = new("dibao.addon_age_female", Units.Years);
    public static readonly ParameterDef EdgeMultiplier = new("dibao_edge.multiplier", Units.Multiplier);

    public static readonly ParameterDef FinancialMonths = new("assets.financial_months", Units.Months);
    public static readonly ParameterDef MaxResidential = new("assets.max_residential", Units.Count);
    public static readonly ParameterDef MaxNonResidential = new("assets.max_non_residential", Units.Count);
    public static readonly ParameterDef MaxVehicles = new("assets.max_vehicles", Units.Count);
    public static readonly ParameterDef MaxBusinesses = new("assets.max_businesses", Units.Count);

    public static readonly ParameterDef RigidSpendingShare = new("expenditure.rigid_spending_share", Units.Rate);
    public static readonly ParameterDef DisposableIncome = new("expenditure.disposable_income", Units.YuanPerYear);

    public static readonly ParameterDef TekunMultiplier = new("tekun.basic_living_multiplier", Units.Multiplier);
    public static readonly ParameterDef CareRateSelfCare = new("tekun.care_rate_self_care", Units.Rate);
    public static readonly ParameterDef CareRatePartial = new("tekun.care_rate_partial", Units.Rate);
    public static readonly ParameterDef CareRateFull = new("tekun.care_rate_full", Units.Rate);
    public static readonly ParameterDef AdlPartialFrom = new("tekun.adl_partial_from", Units.Count);
    public static readonly ParameterDef AdlFullFrom = new("tekun.adl_full_from", Units.Count);
    public static readonly ParameterDef MinimumWage = new("wages.monthly_minimum", Units.YuanPerMonth);

    public static readonly ParameterDef CareSubsidy = new("disability.care_subsidy", Units.YuanPerMonth);
    public static readonly ParameterDef LivingSubsidy = new("disability.living_subsidy", Units.YuanPerMonth);

    public static readonly ParameterDef OrphanInstitutional = new("children.orphan_institutional", Units.YuanPerMonth);
    public static readonly ParameterDef OrphanScattered = new("children.orphan_scattered", Units.YuanPerMonth);
    public static readonly ParameterDef UnsupportedChild = new("children.unsupported_child", Units.YuanPerMonth);

    public static readonly ParameterDef TekunElderlyAge = new("age.tekun_elderly", Units.Years);
    public static readonly ParameterDef TekunChildBelow = new("age.tekun_child_below", Units.Years);
    public static readonly ParameterDef MinorBelow = new("age.minor_below", Units.Years);
    public static readonly ParameterDef WorkFrom = new("age.work_from", Units.Years);
    public static readonly ParameterDef WorkToMale = new("age.work_to_male", Units.Years);
    public static readonly ParameterDef WorkToFemale = new("age.work_to_female", Units.Years);

    public static IReadOnlyDictionary<string, ParameterDef> ByName { get; } = typeof(Parameters)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.FieldType == typeof(ParameterDef))
        .Select(f => (ParameterDef)f.GetValue(null)!)
        .ToDictionary(p => p.Name, StringComparer.Ordinal);
}

public static class Units
{
    public const string YuanPerMonth = "yuan_per_month";
    public const string YuanPerYear = "yuan_per_year";
    public const string Multiplier = "multiplier";
    public const string Rate = "rate";
    public const string Months = "months";
    public const string Count = "count";
    public const string Years = "years";
    public const string Class = "class";

    public static string ChineseName(string unit) => unit switch
    {
        YuanPerMonth => "元/月",
        YuanPerYear => "元/年",
        Multiplier => "倍数",
        Rate => "比例（0–1）",
        Months => "月数",
        Count => "个数",
        Years => "周岁",
        Class => "地区类别（1–4）",
        _ => unit,
    };

    /// <summary>Units whose values are whole numbers.</summary>
    public static bool IsInteger(string unit) => unit is Months or Count or Years or Class;
}
