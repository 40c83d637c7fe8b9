using Doudi.Eligibility;
using Doudi.Eligibility.Recompute;
using Doudi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Monitoring.Discover;

/// <summary>
/// One row of the 政策找人 list: a registry household that is likely eligible for a program it is not enrolled
/// in, why (each signal in Chinese), the members concerned and the score that ranks it.
/// </summary>
public sealed record Candidate(
    long HouseholdId, string HouseholdNo, string County, string Township, string CurrentProgram, string Program,
    int Score, decimal? MonthlyAmount, IReadOnlyList<string> IdNumbers, IReadOnlyList<string> Signals);

/// <summary>List the candidates in the caller's region on a date.</summary>
public sealed record DiscoverCandidates(DateOnly Date);

/// <summary>
/// 政策找人: people likely eligible but not enrolled, from two sources, ranked by a score:
/// <list type="bullet">
/// <item>the eligibility engine over the households in scope whose facts are all recorded (a household with a
/// fact never given is skipped, not guessed): a household program better than the current one, or a member
/// program a member does not hold. Worth <see cref="EngineScore"/>: the recorded facts already pass the rules.</item>
/// <item>open alerts of the rules that point at an unclaimed entitlement (<see cref="AlertPrograms"/>), worth
/// their severity: high <see cref="HighScore"/>, medium <see cref="MediumScore"/>, low <see cref="LowScore"/>.
/// Feed facts that the caseworker still has to check.</item>
/// </list>
/// Signals for the same (household, program) add up; ties go to the larger monthly amount, then the household number.
/// Alerts about people in no household are not listed: an application needs a household (they stay in the inbox).
/// </summary>
public sealed class DiscoverCandidatesHandler(EligibilityEngine engine)
{
    public const int EngineScore = 100;
    public const int HighScore = 30;
    public const int MediumScore = 20;
    public const int LowScore = 10;

    /// <summary>Rules whose alert suggests a program, and the program (a contract code of eligibility.md).</summary>
    public static readonly IReadOnlyDictionary<string, string> AlertPrograms = new Dictionary<string, string>
    {
        [Rules.PovertyWatchUnassisted] = Programs.Dibao,
        [Rules.SevereDisabilityCandidate] = Programs.DibaoIndividual,
        [Rules.UnemployedEdge] = Programs.Dibao,
        [Rules.HighMedicalCost] = Programs.ExpenditureHardship,
    };

    // The household programs, best first (HouseholdDecision's order).
    private static readonly string[] HouseholdOrder = [Programs.Dibao, Programs.Tekun, Programs.DibaoEdge, Programs.ExpenditureHardship];

    private sealed class Draft(long householdId, string householdNo, string county, string township, string current, string program)
    {
        public Candidate Build() => new(householdId, householdNo, county, township, current, program, Score, Amount,
            [.. Ids.Order(StringComparer.Ordinal)], Signals);

        public int Score { get; set; }
        public decimal? Amount { get; set; }
        public SortedSet<string> Ids { get; } = new(StringComparer.Ordinal);
        public List<string> Signals { get; } = [];
    }

    public async Task<IReadOnlyList<Candidate>> Handle(DoudiDb db, DiscoverCandidates query, CancellationToken ct)
    {
        var drafts = new Dictionary<(long, string), Draft>();
        var households = await db.Households.AsNoTracking().Include(h => h.Members.Where(m => m.LeftOn == null)).AsSplitQuery().ToListAsync(ct);
        var byId = households.ToDictionary(h => h.Id);
        Draft For(Registry.Household h, string program)
        {
            if (!drafts.TryGetValue((h.Id, program), out var d))
                drafts[(h.Id, program)] = d = new Draft(h.Id, h.HouseholdNo, h.CountyCode, h.TownshipCode, h.Program, program);
            return d;
        }

        var figures = new FigureCache(engine.Book);
        foreach (var h in households)
        {
            var built = RegistrySituations.Build(ToRegistry(h), query.Date, figures);
            if (built.Situation is not { } situation) continue;
            var e = engine.Evaluate(situation);
            var decision = HouseholdDecision.From(e, situation.Members.Count);
            if (decision.Program != "none" && Better(decision.Program, h.Program))
            {
                var d = For(h, decision.Program);
                d.Score += EngineScore;
                d.Amount = decision.Amount;
                foreach (var m in h.Members) d.Ids.Add(m.IdNumber);
                d.Signals.Add($"按登记的家庭情况试算，符合{Registry.Programs.ChineseName(decision.Program)}条件（月 {Kernel.Money.Format(decision.Amount)} 元），现为{Registry.Programs.ChineseName(h.Program)}");
            }
            foreach (var det in e.Determinations)
            {
                if (!det.Eligible || !Registry.Programs.Individual.Contains(det.Program) || det.Program == decision.Program) continue;
                var missing = det.PerMember.Where(kv => !Holds(h, kv.Key, det.Program)).ToList();
                if (missing.Count == 0) continue;
                var d = For(h, det.Program);
                d.Score += EngineScore;
                d.Amount = missing.Sum(kv => kv.Value);
                foreach (var kv in missing) d.Ids.Add(kv.Key);
                d.Signals.Add($"按登记的成员情况试算，{missing.Count} 人符合{Registry.Programs.ChineseName(det.Program)}条件但未享受");
            }
        }

        var rules = AlertPrograms.Keys.ToList();
        var alerts = await db.Alerts.AsNoTracking()
            .Where(a => a.Status == AlertStatus.Open && a.HouseholdId != null && rules.Contains(a.Rule))
            .Select(a => new { a.HouseholdId, a.Rule, a.Severity, a.IdNumber, a.DetectedOn }).ToListAsync(ct);
        foreach (var a in alerts)
        {
            if (!byId.TryGetValue(a.HouseholdId!.Value, out var h)) continue;
            var program = AlertPrograms[a.Rule];
            // A high medical bill points at 支出型 only for a household that has nothing better.
            if (a.Rule == Rules.HighMedicalCost && !Better(program, h.Program)) continue;
            if (program == Programs.Dibao && !Better(program, h.Program)) continue;
            var d = For(h, program);
            d.Score += a.Severity switch { "high" => HighScore, "medium" => MediumScore, _ => LowScore };
            d.Ids.Add(a.IdNumber);
            d.Signals.Add($"预警：{RuleText(a.Rule)}（{a.DetectedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)} 发现）");
        }

        return [.. drafts.Values.Select(d => d.Build())
            .OrderByDescending(c => c.Score).ThenByDescending(c => c.MonthlyAmount ?? -1).ThenBy(c => c.HouseholdNo, StringComparer.Ordinal)
            .ThenBy(c => c.Program, StringComparer.Ordinal)];
    }

    /// <summary>Whether <paramref name="program"/> is a better household program than <paramref name="current"/>.</summary>
    private static bool Better(string program, string current)
    {
        var next = Array.IndexOf(HouseholdOrder, program);
        var now = Array.IndexOf(HouseholdOrder, current);
        return next >= 0 && (now < 0 || next < now);
    }

    private static bool Holds(Registry.Household h, string idNumber, string program) =>
        h.Members.Any(m => m.IdNumber == idNumber && m.MemberPrograms.Split(';', StringSplitOptions.TrimEntries).Contains(program, StringComparer.Ordinal));

    private static string RuleText(string rule) => rule switch
    {
        Rules.PovertyWatchUnassisted => "防返贫监测对象未获救助",
        Rules.SevereDisabilityCandidate => "低保边缘家庭重度残疾成员，可单人保",
        Rules.UnemployedEdge => "低保边缘家庭成员本月失业登记，收入可能下降",
        Rules.HighMedicalCost => "近 12 个月医疗自付费用高",
        _ => rule,
    };

    private static RegistryHousehold ToRegistry(Registry.Household h) => new(
        h.Id, h.HouseholdNo, h.CountyCode, h.Area, h.Program, h.MonthlyAmount,
        h.FinancialAssets, h.ResidentialProperties, h.NonResidentialProperties, h.Vehicles, h.Businesses, h.RigidSpending12m, h.AnnualIncome,
        [.. h.Members.OrderBy(m => m.Id).Select(m => new RegistryMember(m.Id, m.IdNumber, m.Sex, m.BirthDate, m.DisabilityCategory, m.DisabilityGrade,
            m.SeriousIllness, m.MonthlyIncome, m.FullTimeStudent, m.Childless, m.RefusesWork, m.SpecialOutpatient, m.UnableToWorkCertified,
            m.AdlUnable, m.Supporter, m.Parent1, m.Parent2, m.Care, m.MemberPrograms))]);
}
