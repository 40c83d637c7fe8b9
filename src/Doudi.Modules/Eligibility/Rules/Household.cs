namespace Doudi.Eligibility.Rules;

/// <summary>
/// The members assessed for the household programs (低保, 边缘, 单人保, 支出型): everyone but the members
/// eligible for 特困, who are assessed alone (rules §3). Comparisons of per-capita income are made on
/// totals (income &lt; standard × members), so no division ever rounds a decision.
/// </summary>
internal sealed class Household
{
    public required List<(Member Member, int Age)> Assessed { get; init; }
    public required int TekunCount { get; init; }
    public required AssetTest Assets { get; init; }
    public required PolicyFigures Figures { get; init; }
    /// <summary>Members who refuse work (rules §3); any one bars the household programs.</summary>
    public List<(Member Member, int Age)> Refusals { get; } = [];

    public int Count => Assessed.Count;
    public decimal Standard => Figures.Standard!.Value;
    public decimal TotalIncome { get; private set; }
    public decimal PerCapitaIncome => TotalIncome / Count;

    /// <summary>Assets pass and nobody refuses work: the gate of every household program.</summary>
    public bool GatePasses => Assets.Passes && Refusals.Count == 0;

    public static Household Build(List<(Member, int)> assessed, int tekunCount, AssetTest assets, PolicyFigures f)
    {
        var h = new Household { Assessed = assessed, TekunCount = tekunCount, Assets = assets, Figures = f };
        foreach (var (m, age) in assessed)
        {
            h.TotalIncome += m.CountedIncome;
            if (MemberRules.RefusesWork(m, age, f)) h.Refusals.Add((m, age));
        }
        return h;
    }

    public string IncomeLine()
    {
        var alone = TekunCount > 0 ? $"，另有 {TekunCount} 人按特困人员单独评估" : "";
        return $"参与评估的共同生活成员 {Count} 人{alone}；计算收入合计 {Text.Yuan(TotalIncome)} 元/月，人均 {Text.Yuan(PerCapitaIncome)} 元/月";
    }

    /// <summary>Records the gate (assets, work refusal) and the figures every household program reads.</summary>
    public void RecordGate(Determination d)
    {
        d.Used(Figures.AreaClass);
        d.Used(Figures.Standard);
        Assets.Record(d, Figures);
        d.Used(Figures.WorkFrom);
        d.Used(Figures.WorkToMale);
        d.Used(Figures.WorkToFemale);
        foreach (var (m, age) in Refusals) MemberRules.ExplainWorkRefusal(m, age, Figures, d);
    }

    /// <summary>
    /// 分类施保 per assessed member: the city's rate × the standard, half-up to the fen, once per member.
    /// A city without a rate (0) pays none.
    /// </summary>
    public List<KeyValuePair<string, decimal>> Addons(Determination d)
    {
        var f = Figures;
        var result = new List<KeyValuePair<string, decimal>>(Count);
        d.Used(f.AddonRate);
        var rate = f.AddonRate?.Value ?? 0m;
        foreach (var (m, age) in Assessed)
        {
            var addon = 0m;
            var ground = rate > 0 ? MemberRules.AddonGroundOf(m, age, f) : AddonGround.None;
            if (ground != AddonGround.None)
            {
                if (m.Childless) { d.Used(f.AddonAgeMale); d.Used(f.AddonAgeFemale); }
                addon = Doudi.Kernel.Money.RoundToFen(rate * Standard);
                d.Because($"{m.Key}: 分类施保 ({MemberRules.AddonGroundText(ground, m, age, f)}) {Text.Percent(rate)} × {Text.Yuan(Standard)} = {Text.Yuan(addon)} 元/月");
            }
            result.Add(new(m.Key, addon));
        }
        return result;
    }
}
