using Doudi.Kernel;

namespace Doudi.Eligibility.Rules;

/// <summary>The household programs, one small rule each (rules §4.1–4.3).</summary>
internal static class HouseholdPrograms
{
    private const string NobodyLeft = "所有成员均符合特困人员条件并单独评估，没有成员参与家庭项目评估";

    /// <summary>
    /// 低保: assets pass, no work refusal, per-capita income &lt; standard. Amount = standard × members −
    /// their income + add-ons, rounded once; a member's share = standard − per-capita income + own add-on.
    /// </summary>
    public static void Dibao(Household? h, Determination d)
    {
        if (h is null) { d.Because(NobodyLeft); return; }
        h.RecordGate(d);
        var s = h.Standard;
        var below = h.TotalIncome < s * h.Count;
        d.Because($"{h.IncomeLine()}，{(below ? "低于" : "不低于")}低保标准 {Text.Yuan(s)} 元");
        if (!below || !h.GatePasses) return;
        var addons = h.Addons(d);
        var shares = new List<KeyValuePair<string, decimal>>(h.Count);
        var addonTotal = 0m;
        foreach (var a in addons)
        {
            addonTotal += a.Value;
            shares.Add(new(a.Key, Money.RoundToFen(s - h.PerCapitaIncome + a.Value)));
        }
        var total = Money.RoundToFen(s * h.Count - h.TotalIncome + addonTotal);
        d.Because($"保障金 = {Text.Yuan(s)} × {h.Count} − {Text.Yuan(h.TotalIncome)}{(addonTotal > 0 ? $" + 分类施保 {Text.Yuan(addonTotal)}" : "")} = {Text.Yuan(total)} 元/月");
        d.Grant(shares, total);
    }

    /// <summary>
    /// 低保边缘 (粤府办〔2022〕3号, from its date): assets pass, no work refusal, standard ≤ per-capita income
    /// &lt; multiplier × standard. Eligible with the city add-on as its only cash.
    /// </summary>
    public static void Edge(Household? h, Determination d)
    {
        if (h is null) { d.Because(NobodyLeft); return; }
        if (h.Figures.EdgeMultiplier is not { } multiplier) { d.Because($"低保边缘家庭: {Text.NoFigure}"); return; }
        h.RecordGate(d);
        d.Used(multiplier);
        var s = h.Standard;
        var upper = multiplier.Value * s;
        var inBand = h.TotalIncome >= s * h.Count && h.TotalIncome < upper * h.Count;
        d.Because($"{h.IncomeLine()}；边缘家庭区间为 低保标准 {Text.Yuan(s)} 元 ≤ 人均 < {Text.Number(multiplier.Value)} × {Text.Yuan(s)} = {Text.Yuan(upper)} 元，{(inBand ? "在区间内" : "不在区间内")}");
        if (!inBand || !h.GatePasses) return;
        var addons = h.Addons(d);
        var total = 0m;
        foreach (var a in addons) total += a.Value;
        d.Because($"低保边缘家庭以专项救助为主，按月现金为分类施保 {Text.Yuan(total)} 元");
        d.Grant(addons, total);
    }

    /// <summary>
    /// 单人保: in an eligible edge household, each seriously ill member, or disabled grade 1–2, or
    /// intellectual/mental grade 3–4, whatever their own income, at the full standard.
    /// </summary>
    public static void Individual(Household? h, Determination edge, Determination d)
    {
        if (h is null) { d.Because(NobodyLeft); return; }
        if (h.Figures.EdgeMultiplier is null) { d.Because($"单人保 (低保边缘家庭): {Text.NoFigure}"); return; }
        d.Used(h.Figures.Standard);
        d.Used(h.Figures.EdgeMultiplier);
        if (!edge.Eligible) { d.Because("家庭不是低保边缘家庭，不适用单人保"); return; }
        var shares = new List<KeyValuePair<string, decimal>>();
        foreach (var (m, _) in h.Assessed)
        {
            if (!m.SeriousIllness && !MemberRules.IsSeverelyDisabled(m)) continue;
            shares.Add(new(m.Key, h.Standard));
            d.Because($"{m.Key}: 低保边缘家庭成员，{(m.SeriousIllness ? "患重特大疾病" : MemberRules.DisabilityText(m.Disability!))}，单独纳入低保，按低保标准 {Text.Yuan(h.Standard)} 元全额保障");
        }
        if (shares.Count == 0) { d.Because("低保边缘家庭中没有重病、重度残疾或三、四级智力/精神残疾成员"); return; }
        var total = 0m;
        foreach (var s in shares) total += s.Value;
        d.Grant(shares, total);
    }

    /// <summary>
    /// 支出型困难家庭: assets pass, no work refusal, per-capita income ≥ the edge ceiling, per-capita annual
    /// income &lt; the city's disposable income, and rigid spending &gt; 0 and ≥ the set share of annual income.
    /// Eligible with no cash (special assistance only).
    /// </summary>
    public static void Expenditure(Household? h, decimal? annualIncome, decimal rigid, Determination d)
    {
        if (h is null) { d.Because(NobodyLeft); return; }
        var f = h.Figures;
        if (f.RigidSpendingShare is null || f.DisposableIncome is null || f.EdgeMultiplier is null)
        {
            d.Because($"支出型困难家庭: {Text.NoFigure}");
            return;
        }
        h.RecordGate(d);
        d.Used(f.EdgeMultiplier);
        d.Used(f.DisposableIncome);
        d.Used(f.RigidSpendingShare);
        var s = h.Standard;
        var ceiling = f.EdgeMultiplier.Value * s;
        var aboveEdge = h.TotalIncome >= ceiling * h.Count;
        d.Because($"{h.IncomeLine()}，{(aboveEdge ? "不低于" : "低于")}低保边缘上限 {Text.Yuan(ceiling)} 元{(aboveEdge ? "" : " (应按低保或低保边缘评估)")}");
        var annual = annualIncome ?? 12 * h.TotalIncome;
        var belowDisposable = annual < f.DisposableIncome.Value * h.Count;
        d.Because($"家庭年收入 {Text.Yuan(annual)} 元 ({(annualIncome is null ? "12 × " + Text.Yuan(h.TotalIncome) : "申报的近 12 个月收入")})，人均 {Text.Yuan(annual / h.Count)} 元 {(belowDisposable ? "<" : "≥")} 居民人均可支配收入 {Text.Yuan(f.DisposableIncome.Value)} 元");
        var threshold = f.RigidSpendingShare.Value * annual;
        var spendingOk = rigid > 0 && rigid >= threshold;
        d.Because($"近 12 个月刚性支出 {Text.Yuan(rigid)} 元 {(spendingOk ? "≥" : "<")} {Text.Percent(f.RigidSpendingShare.Value)} × 年收入 = {Text.Yuan(threshold)} 元{(rigid > 0 ? "" : " (须大于 0)")}");
        if (!aboveEdge || !belowDisposable || !spendingOk || !h.GatePasses) return;
        d.Because("支出型困难家庭以专项救助为主，无按月现金");
        d.Grant([.. h.Assessed.Select(a => new KeyValuePair<string, decimal>(a.Member.Key, 0m))], 0m);
    }
}
