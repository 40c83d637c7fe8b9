namespace Doudi.Eligibility.Rules;

/// <summary>
/// Asset limits (粤民规字〔2019〕9号): one test per household over all its members, used by every
/// means-tested program including 特困. The test decides once; its reasons are written only into a
/// determination that explains.
/// </summary>
internal sealed class AssetTest
{
    private readonly Assets _assets;
    private readonly int _people;
    private readonly PolicyFigures _f;

    private AssetTest(Assets assets, int people, PolicyFigures f)
    {
        _assets = assets;
        _people = people;
        _f = f;
    }

    public bool Passes { get; private init; }
    private bool HasFigures { get; init; }
    private bool FinancialOk { get; init; }
    private bool ResidentialOk { get; init; }
    private bool NonResidentialOk { get; init; }
    private bool VehiclesOk { get; init; }
    private bool BusinessesOk { get; init; }

    private decimal PerCapitaLimit => _f.FinancialMonths!.Value * _f.Standard!.Value;

    public static AssetTest Check(Situation s, PolicyFigures f)
    {
        var a = s.Assets;
        if (f.FinancialMonths is null || f.MaxResidential is null || f.MaxNonResidential is null || f.MaxVehicles is null || f.MaxBusinesses is null)
            return new AssetTest(a, s.Members.Count, f) { Passes = false, HasFigures = false };
        var financial = a.Financial <= f.FinancialMonths.Value * f.Standard!.Value * s.Members.Count;
        var residential = a.ResidentialProperties <= f.MaxResidential.Value;
        var nonResidential = a.NonResidentialProperties <= f.MaxNonResidential.Value;
        var vehicles = a.Vehicles <= f.MaxVehicles.Value;
        var businesses = a.Businesses <= f.MaxBusinesses.Value;
        return new AssetTest(a, s.Members.Count, f)
        {
            HasFigures = true,
            FinancialOk = financial,
            ResidentialOk = residential,
            NonResidentialOk = nonResidential,
            VehiclesOk = vehicles,
            BusinessesOk = businesses,
            Passes = financial && residential && nonResidential && vehicles && businesses,
        };
    }

    public void Record(Determination d, PolicyFigures f)
    {
        d.Used(f.FinancialMonths);
        d.Used(f.MaxResidential);
        d.Used(f.MaxNonResidential);
        d.Used(f.MaxVehicles);
        d.Used(f.MaxBusinesses);
        if (!d.Explains) return;
        if (!HasFigures)
        {
            d.Because("财产限额: " + Text.NoFigure);
            return;
        }
        var a = _assets;
        if (Passes)
        {
            d.Because($"家庭财产符合条件: {Financial()}；住宅 {a.ResidentialProperties} 套 (上限 {Text.Number(_f.MaxResidential!.Value)})；无非住宅房产、机动车和商事登记");
            return;
        }
        const string over = "家庭财产超出限额: ";
        if (!FinancialOk) d.Because($"{over}{Financial()}");
        if (!ResidentialOk) d.Because($"{over}住宅 {a.ResidentialProperties} 套，超过 {Text.Number(_f.MaxResidential!.Value)} 套");
        if (!NonResidentialOk) d.Because($"{over}非住宅房产 {a.NonResidentialProperties} 处，上限 {Text.Number(_f.MaxNonResidential!.Value)} 处");
        if (!VehiclesOk) d.Because($"{over}机动车 {a.Vehicles} 辆，上限 {Text.Number(_f.MaxVehicles!.Value)} 辆");
        if (!BusinessesOk) d.Because($"{over}商事登记 {a.Businesses} 个，上限 {Text.Number(_f.MaxBusinesses!.Value)} 个");
    }

    private string Financial() =>
        $"人均金融资产 {Text.Yuan(_assets.Financial / _people)} 元 ({Text.Yuan(_assets.Financial)} ÷ {_people} 人) {(FinancialOk ? "≤" : ">")} {Text.Number(_f.FinancialMonths!.Value)} × 低保标准 {Text.Yuan(_f.Standard!.Value)} = {Text.Yuan(PerCapitaLimit)} 元";
}
