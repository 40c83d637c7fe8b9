namespace Doudi.Eligibility.Rules;

/// <summary>
/// Asset limits (粤民规字〔2019〕9号): one test per household over all its members, used by every
/// means-tested program including 特困.
/// </summary>
internal sealed class AssetTest
{
    public bool Passes { get; private init; }
    public List<string> Reasons { get; } = [];

    public static AssetTest Check(Situation s, PolicyFigures f)
    {
        var a = s.Assets;
        var n = s.Members.Count;
        var fails = new List<string>();
        if (f.FinancialMonths is null || f.MaxResidential is null || f.MaxNonResidential is null || f.MaxVehicles is null || f.MaxBusinesses is null)
        {
            var none = new AssetTest { Passes = false };
            none.Reasons.Add("财产限额: " + Text.NoFigure);
            return none;
        }
        var standard = f.Standard!.Value;
        var perCapitaLimit = f.FinancialMonths.Value * standard;
        var financialOk = a.Financial <= perCapitaLimit * n;
        var financial = $"人均金融资产 {Text.Yuan(a.Financial / n)} 元 ({Text.Yuan(a.Financial)} ÷ {n} 人) {(financialOk ? "≤" : ">")} {Text.Number(f.FinancialMonths.Value)} × 低保标准 {Text.Yuan(standard)} = {Text.Yuan(perCapitaLimit)} 元";
        if (!financialOk) fails.Add(financial);
        if (a.ResidentialProperties > f.MaxResidential.Value) fails.Add($"住宅 {a.ResidentialProperties} 套，超过 {Text.Number(f.MaxResidential.Value)} 套");
        if (a.NonResidentialProperties > f.MaxNonResidential.Value) fails.Add($"非住宅房产 {a.NonResidentialProperties} 处，上限 {Text.Number(f.MaxNonResidential.Value)} 处");
        if (a.Vehicles > f.MaxVehicles.Value) fails.Add($"机动车 {a.Vehicles} 辆，上限 {Text.Number(f.MaxVehicles.Value)} 辆");
        if (a.Businesses > f.MaxBusinesses.Value) fails.Add($"商事登记 {a.Businesses} 个，上限 {Text.Number(f.MaxBusinesses.Value)} 个");
        var test = new AssetTest { Passes = fails.Count == 0 };
        if (test.Passes) test.Reasons.Add($"家庭财产符合条件: {financial}；住宅 {a.ResidentialProperties} 套 (上限 {Text.Number(f.MaxResidential.Value)})；无非住宅房产、机动车和商事登记");
        else test.Reasons.AddRange(fails.Select(x => "家庭财产超出限额: " + x));
        return test;
    }

    public void Record(Determination d, PolicyFigures f)
    {
        d.Reasons.AddRange(Reasons);
        d.Used(f.FinancialMonths);
        d.Used(f.MaxResidential);
        d.Used(f.MaxNonResidential);
        d.Used(f.MaxVehicles);
        d.Used(f.MaxBusinesses);
    }
}
