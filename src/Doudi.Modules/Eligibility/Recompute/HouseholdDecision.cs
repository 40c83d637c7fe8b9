namespace Doudi.Eligibility.Recompute;

/// <summary>
/// What an evaluation means for the registry's enrolment: one household program with its amount, and each
/// member's individual programs. The household program is the first that applies of 低保 (dibao), 特困
/// (tekun, when it covers every member), 低保边缘 (dibao_edge), 支出型困难 (expenditure_hardship), else none.
/// 特困 is a member program unless it is the household's.
/// </summary>
public sealed record HouseholdDecision(string Program, decimal Amount, string MemberPrograms)
{
    private static readonly string[] MemberProgramOrder =
    [
        Programs.DibaoIndividual, Programs.Tekun, Programs.DisabilityCare, Programs.DisabilityLiving, Programs.Orphan, Programs.UnsupportedChild,
    ];

    private static readonly string[] HouseholdProgramOrder = [Programs.Dibao, Programs.Tekun, Programs.DibaoEdge, Programs.ExpenditureHardship];

    public static HouseholdDecision From(Evaluation e, int memberCount)
    {
        var program = "none";
        var amount = 0m;
        foreach (var candidate in HouseholdProgramOrder)
        {
            var d = e[candidate];
            if (!d.Eligible) continue;
            if (candidate == Programs.Tekun && d.Members.Count < memberCount) continue;
            program = candidate;
            amount = d.MonthlyAmount;
            break;
        }
        // Most households have no member program: then nothing is allocated for them.
        SortedDictionary<string, List<string>>? byMember = null;
        foreach (var p in MemberProgramOrder)
        {
            if (p == Programs.Tekun && program == Programs.Tekun) continue;
            var d = e[p];
            if (!d.Eligible) continue;
            byMember ??= new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var key in d.Members)
            {
                if (!byMember.TryGetValue(key, out var list)) byMember[key] = list = [];
                list.Add(p);
            }
        }
        return new HouseholdDecision(program, amount, Format(byMember));
    }

    /// <summary>The registry's current enrolment in the same form.</summary>
    public static HouseholdDecision Current(RegistryHousehold h)
    {
        SortedDictionary<string, List<string>>? byMember = null;
        foreach (var m in h.Members)
        {
            if (m.MemberPrograms.Length == 0) continue;
            byMember ??= new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
            var set = m.MemberPrograms.Split(';');
            byMember[m.IdNumber] = [.. MemberProgramOrder.Where(p => set.Contains(p, StringComparer.Ordinal))];
        }
        return new HouseholdDecision(h.Program, h.MonthlyAmount, Format(byMember));
    }

    private static string Format(SortedDictionary<string, List<string>>? byMember) => byMember is null ? "" :
        string.Join('|', byMember.Where(kv => kv.Value.Count > 0).Select(kv => kv.Key + ":" + string.Join(';', kv.Value)));

    /// <summary>How <paramref name="next"/> differs from this (the current enrolment), or null when it does not.</summary>
    public string? ChangeTo(HouseholdDecision next)
    {
        if (Program != next.Program)
        {
            if (Program == "none") return ChangeKinds.NewlyEligible;
            if (next.Program == "none") return ChangeKinds.NoLongerEligible;
            return ChangeKinds.ProgramChanged;
        }
        if (Amount != next.Amount) return ChangeKinds.AmountChanged;
        if (!string.Equals(MemberPrograms, next.MemberPrograms, StringComparison.Ordinal)) return ChangeKinds.MemberProgramsChanged;
        return null;
    }
}

public static class ChangeKinds
{
    public const string NewlyEligible = "newly_eligible";
    public const string NoLongerEligible = "no_longer_eligible";
    public const string ProgramChanged = "program_changed";
    public const string AmountChanged = "amount_changed";
    public const string MemberProgramsChanged = "member_programs_changed";

    /// <summary>
    /// Not a change of enrolment: the household's last stored decision was a change, and this run finds that the
    /// household agrees with its enrolment again (its facts changed). Stored so the last row is the newest finding.
    /// </summary>
    public const string NoLongerDiffers = "no_longer_differs";

    public static string ChineseName(string kind) => kind switch
    {
        NewlyEligible => "新增符合",
        NoLongerEligible => "不再符合",
        ProgramChanged => "项目变化",
        AmountChanged => "金额变化",
        MemberProgramsChanged => "成员项目变化",
        NoLongerDiffers => "已无差异",
        _ => kind,
    };
}
