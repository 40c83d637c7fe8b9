using Doudi.Kernel;

namespace Doudi.Eligibility.Rules;

/// <summary>
/// 特困人员 (民发〔2021〕43号): unable to work, no means of living, no supporter able to support.
/// Amount = basic living (a multiple of the 低保 standard) + care (a share of the city's minimum wage by
/// self-care ability), each rounded up to the whole yuan; the person's own income is not deducted.
/// </summary>
internal static class TekunRule
{
    public sealed record Outcome(bool Eligible, decimal Amount, string Reason);

    public static Outcome Assess(Member m, int age, AssetTest assets, PolicyFigures f, Determination d)
    {
        var standard = f.Standard!.Value;
        d.Used(f.TekunElderlyAge);
        d.Used(f.TekunChildBelow);
        var failed = new List<string>();
        var unable = UnableToWork(m, age, f);
        if (unable is null) failed.Add($"有劳动能力 ({age} 岁{(m.Disability is { } dis ? "，" + MemberRules.DisabilityText(dis) : "")})");
        if (m.CountedIncome >= standard) failed.Add($"本人计算收入 {Text.Yuan(m.CountedIncome)} 元 ≥ 低保标准 {Text.Yuan(standard)} 元");
        if (!assets.Passes) failed.Add("家庭财产超出限额");
        if (m.Supporter == Supporter.Able) failed.Add("有具备履行能力的法定赡养、抚养或扶养义务人");
        if (failed.Count > 0) return new Outcome(false, 0, $"{m.Key}: 不符合特困人员条件: {string.Join("；", failed)}");

        if (f.TekunMultiplier is null || f.MinimumWage is null || f.CareRateSelfCare is null || f.CareRatePartial is null
            || f.CareRateFull is null || f.AdlPartialFrom is null || f.AdlFullFrom is null)
            return new Outcome(false, 0, $"{m.Key}: 特困供养标准: {Text.NoFigure}");

        var (grade, rate) = m.AdlUnable >= f.AdlFullFrom.Value ? ("全失能", f.CareRateFull)
            : m.AdlUnable >= f.AdlPartialFrom.Value ? ("半失能", f.CareRatePartial)
            : ("全自理", f.CareRateSelfCare);
        d.Used(f.TekunMultiplier);
        d.Used(f.MinimumWage);
        d.Used(f.AdlPartialFrom);
        d.Used(f.AdlFullFrom);
        d.Used(rate);
        var basic = Money.CeilingToYuan(f.TekunMultiplier.Value * standard);
        var care = Money.CeilingToYuan(rate.Value * f.MinimumWage.Value);
        var supporter = m.Supporter == Supporter.None ? "无法定义务人" : "法定义务人无履行能力";
        var reason = $"{m.Key}: 特困人员: {unable}；本人计算收入 {Text.Yuan(m.CountedIncome)} 元 < 低保标准 {Text.Yuan(standard)} 元；{supporter}。"
            + $"基本生活 {Text.Number(f.TekunMultiplier.Value)} × {Text.Yuan(standard)} 向上取整 = {Text.Yuan(basic)} 元，"
            + $"照料护理 ({grade}，{m.AdlUnable} 项日常活动不能完成) {Text.Percent(rate.Value)} × 最低工资 {Text.Yuan(f.MinimumWage.Value)} 向上取整 = {Text.Yuan(care)} 元，"
            + $"合计 {Text.Yuan(basic + care)} 元/月";
        return new Outcome(true, basic + care, reason);
    }

    /// <summary>无劳动能力: why the person cannot work, or null.</summary>
    private static string? UnableToWork(Member m, int age, PolicyFigures f)
    {
        if (f.TekunElderlyAge is { } old && age >= old.Value) return $"年满 {Text.Number(old.Value)} 周岁 ({age} 岁)，无劳动能力";
        if (f.TekunChildBelow is { } young && age < young.Value) return $"未满 {Text.Number(young.Value)} 周岁 ({age} 岁)，无劳动能力";
        if (m.Disability is { } d)
        {
            var counts = d.Category switch
            {
                DisabilityCategory.Intellectual or DisabilityCategory.Mental => d.Grade <= 3,
                DisabilityCategory.Physical => d.Grade <= 2,
                DisabilityCategory.Visual => d.Grade == 1,
                _ => false,
            };
            if (counts) return $"{MemberRules.DisabilityText(d)}，无劳动能力";
        }
        if (m.UnableToWorkCertified) return "经鉴定完全丧失劳动能力";
        return null;
    }
}
