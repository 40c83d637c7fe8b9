namespace Doudi.Eligibility.Rules;

/// <summary>The disability subsidies and the children's allowances (rules §4.5, §4.6).</summary>
internal static class IndividualPrograms
{
    /// <summary>重度残疾人护理补贴: grade 1–2, or intellectual/mental grade 3–4; no means test, 特困 included.</summary>
    public static void CareSubsidy(IReadOnlyList<(Member Member, int Age)> all, PolicyFigures f, Determination d)
    {
        if (f.CareSubsidy is not { } figure) { d.Because($"重度残疾人护理补贴: {Text.NoFigure}"); return; }
        d.Used(figure);
        var shares = new List<KeyValuePair<string, decimal>>();
        foreach (var (m, _) in all)
        {
            if (!MemberRules.IsSeverelyDisabled(m)) continue;
            shares.Add(new(m.Key, figure.Value));
            d.Because($"{m.Key}: {MemberRules.DisabilityText(m.Disability!)}，重度残疾人护理补贴 {Text.Yuan(figure.Value)} 元/月");
        }
        Grant(d, shares, "没有一、二级残疾或三、四级智力/精神残疾的成员");
    }

    /// <summary>
    /// 困难残疾人生活补贴: any disabled member of an eligible 低保 or 边缘 household (单人保 members
    /// included); never a 特困 person, never a 支出型 household.
    /// </summary>
    public static void LivingSubsidy(Household? h, Determination dibao, Determination edge, PolicyFigures f, Determination d)
    {
        if (f.LivingSubsidy is not { } figure) { d.Because($"困难残疾人生活补贴: {Text.NoFigure}"); return; }
        d.Used(figure);
        if (h is null || !(dibao.Eligible || edge.Eligible))
        {
            d.Because("家庭不是低保或低保边缘家庭 (特困人员不享受此项)");
            return;
        }
        var program = dibao.Eligible ? "低保" : "低保边缘";
        var shares = new List<KeyValuePair<string, decimal>>();
        foreach (var (m, _) in h.Assessed)
        {
            if (m.Disability is not { } dis) continue;
            shares.Add(new(m.Key, figure.Value));
            d.Because($"{m.Key}: {program}家庭的{MemberRules.DisabilityText(dis)}成员，困难残疾人生活补贴 {Text.Yuan(figure.Value)} 元/月");
        }
        Grant(d, shares, $"{program}家庭中没有持证残疾成员");
    }

    /// <summary>孤儿: under 18, both (exactly two) parents dead or declared missing.</summary>
    public static bool IsOrphan(Member m, int age, PolicyFigures f) =>
        f.MinorBelow is { } minor && age < minor.Value && m.Parents.Count == 2
        && m.Parents.All(p => p is ParentStatus.Dead or ParentStatus.Missing);

    /// <summary>
    /// 事实无人抚养儿童: under 18, not an orphan, and both parents in the incapacity set, or one dead or
    /// missing and the other in that set.
    /// </summary>
    public static bool IsUnsupported(Member m, int age, PolicyFigures f)
    {
        if (f.MinorBelow is not { } minor || age >= minor.Value || m.Parents.Count != 2 || IsOrphan(m, age, f)) return false;
        var incapable = m.Parents.Count(p => p is ParentStatus.SevereDisability or ParentStatus.SeriousIllness or ParentStatus.Imprisoned
            or ParentStatus.DrugRehabilitation or ParentStatus.DeprivedOfLiberty or ParentStatus.OutOfContact);
        var gone = m.Parents.Count(p => p is ParentStatus.Dead or ParentStatus.Missing);
        return incapable == 2 || (incapable == 1 && gone == 1);
    }

    public static void Orphan(IReadOnlyList<(Member Member, int Age)> all, PolicyFigures f, ISet<string> tekun, Determination d)
    {
        d.Used(f.MinorBelow);
        var shares = new List<KeyValuePair<string, decimal>>();
        foreach (var (m, age) in all)
        {
            if (!IsOrphan(m, age, f)) continue;
            var (figure, kind) = m.Care == Care.Institutional ? (f.OrphanInstitutional, "机构集中养育") : (f.OrphanScattered, "散居");
            if (figure is null) { d.Because($"{m.Key}: 孤儿基本生活费: {Text.NoFigure}"); continue; }
            d.Used(figure);
            shares.Add(new(m.Key, figure.Value));
            d.Because($"{m.Key}: 未满 {Text.Number(f.MinorBelow!.Value)} 周岁 ({age} 岁)，父母均死亡或被宣告失踪，{kind}孤儿基本生活费 {Text.Yuan(figure.Value)} 元/月");
            if (tekun.Contains(m.Key)) d.Because($"{m.Key}: 同时符合特困人员条件，须在孤儿保障和特困供养中选择一项 (以申请记录为准)");
        }
        Grant(d, shares, "没有符合孤儿条件的成员 (未满 18 周岁且父母两人均死亡或被宣告失踪)");
    }

    public static void Unsupported(IReadOnlyList<(Member Member, int Age)> all, PolicyFigures f, ISet<string> tekun, Determination d)
    {
        d.Used(f.MinorBelow);
        var shares = new List<KeyValuePair<string, decimal>>();
        foreach (var (m, age) in all)
        {
            if (!IsUnsupported(m, age, f)) continue;
            if (f.UnsupportedChild is not { } figure) { d.Because($"{m.Key}: 事实无人抚养儿童基本生活补贴: {Text.NoFigure}"); continue; }
            d.Used(figure);
            shares.Add(new(m.Key, figure.Value));
            d.Because($"{m.Key}: 未满 {Text.Number(f.MinorBelow!.Value)} 周岁 ({age} 岁)，父母情况为 {string.Join("、", m.Parents.Select(ParentName))}，事实无人抚养儿童基本生活补贴 {Text.Yuan(figure.Value)} 元/月");
            if (tekun.Contains(m.Key)) d.Because($"{m.Key}: 同时符合特困人员条件，须在事实无人抚养儿童保障和特困供养中选择一项 (以申请记录为准)");
        }
        Grant(d, shares, "没有符合事实无人抚养儿童条件的成员");
    }

    private static void Grant(Determination d, List<KeyValuePair<string, decimal>> shares, string none)
    {
        if (shares.Count == 0) { d.Because(none); return; }
        var total = 0m;
        foreach (var s in shares) total += s.Value;
        d.Grant(shares, total);
    }

    private static string ParentName(ParentStatus p) => p switch
    {
        ParentStatus.Alive => "健在",
        ParentStatus.Dead => "死亡",
        ParentStatus.Missing => "宣告失踪",
        ParentStatus.SevereDisability => "重残",
        ParentStatus.SeriousIllness => "重病",
        ParentStatus.Imprisoned => "服刑在押",
        ParentStatus.DrugRehabilitation => "强制隔离戒毒",
        ParentStatus.DeprivedOfLiberty => "被限制人身自由",
        _ => "失联",
    };
}
