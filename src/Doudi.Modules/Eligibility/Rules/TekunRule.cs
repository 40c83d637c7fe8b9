using Doudi.Kernel;

namespace Doudi.Eligibility.Rules;

/// <summary>
/// 特困人员 (民发〔2021〕43号): unable to work, no means of living, no supporter able to support.
/// Amount = basic living (a multiple of the 低保 standard) + care (a share of the city's minimum wage by
/// self-care ability), each rounded up to the whole yuan; the person's own income is not deducted.
/// </summary>
internal static class TekunRule
{
    public readonly record struct Outcome(bool Eligible, decimal Amount);

    /// <summary>Assesses one member alone and writes why into <paramref name="d"/> (when it explains).</summary>
    public static Outcome Assess(Member m, int age, AssetTest assets, PolicyFigures f, Determination d)
    {
        var standard = f.Standard!.Value;
        d.Used(f.TekunElderlyAge);
        d.Used(f.TekunChildBelow);
        var unable = UnableToWork(m, age, f);
        var ownIncomeOk = m.CountedIncome < standard;
        var noSupporter = m.Supporter != Supporter.Able;
        if (unable == Incapacity.None || !ownIncomeOk || !assets.Passes || !noSupporter)
        {
            d.Because($"{m.Key}: 不符合特困人员条件: {Failures(m, age, unable, ownIncomeOk, assets.Passes, noSupporter, standard)}");
            return default;
        }

        if (f.TekunMultiplier is null || f.MinimumWage is null || f.CareRateSelfCare is null || f.CareRatePartial is null
            || f.CareRateFull is null || f.AdlPartialFrom is null || f.AdlFullFrom is null)
        {
            d.Because($"{m.Key}: 特困供养标准: {Text.NoFigure}");
            return default;
        }

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
        d.Because($"{m.Key}: 特困人员: {IncapacityText(unable, m, age, f)}；本人计算收入 {Text.Yuan(m.CountedIncome)} 元 < 低保标准 {Text.Yuan(standard)} 元；{(m.Supporter == Supporter.None ? "无法定义务人" : "法定义务人无履行能力")}。"
            + $"基本生活 {Text.Number(f.TekunMultiplier.Value)} × {Text.Yuan(standard)} 向上取整 = {Text.Yuan(basic)} 元，"
            + $"照料护理 ({grade}，{m.AdlUnable} 项日常活动不能完成) {Text.Percent(rate.Value)} × 最低工资 {Text.Yuan(f.MinimumWage.Value)} 向上取整 = {Text.Yuan(care)} 元，"
            + $"合计 {Text.Yuan(basic + care)} 元/月");
        return new Outcome(true, basic + care);
    }

    private static string Failures(Member m, int age, Incapacity unable, bool ownIncomeOk, bool assetsOk, bool noSupporter, decimal standard)
    {
        var failed = new List<string>(4);
        if (unable == Incapacity.None) failed.Add($"有劳动能力 ({age} 岁{(m.Disability is { } dis ? "，" + MemberRules.DisabilityText(dis) : "")})");
        if (!ownIncomeOk) failed.Add($"本人计算收入 {Text.Yuan(m.CountedIncome)} 元 ≥ 低保标准 {Text.Yuan(standard)} 元");
        if (!assetsOk) failed.Add("家庭财产超出限额");
        if (!noSupporter) failed.Add("有具备履行能力的法定赡养、抚养或扶养义务人");
        return string.Join("；", failed);
    }

    /// <summary>Why a person counts as unable to work (无劳动能力), the first ground that applies.</summary>
    private enum Incapacity
    {
        None,
        Elderly,
        Child,
        Disability,
        Certified,
    }

    private static Incapacity UnableToWork(Member m, int age, PolicyFigures f)
    {
        if (f.TekunElderlyAge is { } old && age >= old.Value) return Incapacity.Elderly;
        if (f.TekunChildBelow is { } young && age < young.Value) return Incapacity.Child;
        if (m.Disability is { } d)
        {
            var counts = d.Category switch
            {
                DisabilityCategory.Intellectual or DisabilityCategory.Mental => d.Grade <= 3,
                DisabilityCategory.Physical => d.Grade <= 2,
                DisabilityCategory.Visual => d.Grade == 1,
                _ => false,
            };
            if (counts) return Incapacity.Disability;
        }
        if (m.UnableToWorkCertified) return Incapacity.Certified;
        return Incapacity.None;
    }

    private static string IncapacityText(Incapacity why, Member m, int age, PolicyFigures f) => why switch
    {
        Incapacity.Elderly => $"年满 {Text.Number(f.TekunElderlyAge!.Value)} 周岁 ({age} 岁)，无劳动能力",
        Incapacity.Child => $"未满 {Text.Number(f.TekunChildBelow!.Value)} 周岁 ({age} 岁)，无劳动能力",
        Incapacity.Disability => $"{MemberRules.DisabilityText(m.Disability!)}，无劳动能力",
        _ => "经鉴定完全丧失劳动能力",
    };
}
