using Doudi.Kernel;

namespace Doudi.Eligibility.Rules;

/// <summary>Facts about one person that several programs read.</summary>
internal static class MemberRules
{
    /// <summary>
    /// Completed years on the date: a person reaches an age on the birthday; a 29 February birthday
    /// falls on 1 March in common years (the month-day comparison does exactly that).
    /// </summary>
    public static int Age(DateOnly birth, DateOnly on)
    {
        var age = on.Year - birth.Year;
        if (on.Month < birth.Month || (on.Month == birth.Month && on.Day < birth.Day)) age--;
        return age;
    }

    /// <summary>
    /// 重度残疾 for the care subsidy and 单人保: grade 1 or 2 of any category, or intellectual or mental
    /// grade 3 or 4.
    /// </summary>
    public static bool IsSeverelyDisabled(Member m) => m.Disability is { } d
        && (d.Grade <= 2 || (d.Category is DisabilityCategory.Intellectual or DisabilityCategory.Mental));

    public static string DisabilityText(Disability d) => $"{CategoryName(d.Category)}残疾{d.Grade}级";

    public static string CategoryName(DisabilityCategory c) => c switch
    {
        DisabilityCategory.Physical => "肢体",
        DisabilityCategory.Visual => "视力",
        DisabilityCategory.Hearing => "听力",
        DisabilityCategory.Speech => "言语",
        DisabilityCategory.Intellectual => "智力",
        DisabilityCategory.Mental => "精神",
        _ => "多重",
    };

    /// <summary>
    /// Work refusal (rules §3): of working age, no certified disability, not seriously ill, not a full-time
    /// student, not certified unable to work, and refuses work without good reason.
    /// </summary>
    public static bool RefusesWork(Member m, int age, PolicyFigures f)
    {
        if (!m.RefusesWork || m.Disability is not null || m.SeriousIllness || m.FullTimeStudent || m.UnableToWorkCertified) return false;
        var to = m.Sex == Sex.Male ? f.WorkToMale : f.WorkToFemale;
        if (f.WorkFrom is null || to is null) return false;
        return age >= f.WorkFrom.Value && age <= to.Value;
    }

    /// <summary>Why a member's refusal bars the household (for a member <see cref="RefusesWork"/> found).</summary>
    public static void ExplainWorkRefusal(Member m, int age, PolicyFigures f, Determination d)
    {
        var to = m.Sex == Sex.Male ? f.WorkToMale : f.WorkToFemale;
        d.Because($"{m.Key}: 处于劳动年龄 ({(m.Sex == Sex.Male ? "男" : "女")} {Text.Number(f.WorkFrom!.Value)}–{Text.Number(to!.Value)} 周岁, 现 {age} 岁)、有劳动能力但无正当理由不就业，家庭不能纳入低保、低保边缘、单人保和支出型救助");
    }

    /// <summary>
    /// 分类施保 (rules §4.1): a full-time student, a childless man or woman of the set age, or a 门特
    /// certificate holder; once per member even if several apply (the first ground found counts).
    /// </summary>
    public static AddonGround AddonGroundOf(Member m, int age, PolicyFigures f)
    {
        if (m.FullTimeStudent) return AddonGround.Student;
        var childlessAge = m.Sex == Sex.Male ? f.AddonAgeMale : f.AddonAgeFemale;
        if (m.Childless && childlessAge is not null && age >= childlessAge.Value) return AddonGround.ChildlessElder;
        if (m.SpecialOutpatient) return AddonGround.SpecialOutpatient;
        return AddonGround.None;
    }

    public static string AddonGroundText(AddonGround ground, Member m, int age, PolicyFigures f) => ground switch
    {
        AddonGround.Student => "全日制在读学生",
        AddonGround.ChildlessElder => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"无子女{(m.Sex == Sex.Male ? "男性" : "女性")} {age} 岁 (≥ {Text.Number((m.Sex == Sex.Male ? f.AddonAgeMale : f.AddonAgeFemale)!.Value)})"),
        AddonGround.SpecialOutpatient => "持门特证",
        _ => "",
    };
}

/// <summary>Why a member gets 分类施保, if at all.</summary>
internal enum AddonGround
{
    None,
    Student,
    ChildlessElder,
    SpecialOutpatient,
}
