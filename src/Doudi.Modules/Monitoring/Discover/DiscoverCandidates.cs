using System.Globalization;
using System.Text.Json;
using Doudi.Eligibility;
using Doudi.Eligibility.Recompute;
using Doudi.Oversight;
using Doudi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Monitoring.Discover;

/// <summary>
/// One row of the 政策找人 list: a registry household that is likely eligible for a program it is not enrolled
/// in, why (each signal in Chinese), the members concerned and the score that ranks it. <see cref="EngineDate"/>
/// is the assessment date of the recompute run whose stored decision gave the engine signal (null when only
/// alerts point at it).
/// </summary>
public sealed record Candidate(
    long HouseholdId, string HouseholdNo, string County, string Township, string CurrentProgram, string Program,
    int Score, decimal? MonthlyAmount, IReadOnlyList<string> IdNumbers, IReadOnlyList<string> Signals, DateOnly? EngineDate = null);

/// <summary>
/// List the candidates in the caller's region, optionally only those for one <paramref name="Program"/> (a contract
/// code) and/or in one <paramref name="County"/> (code). <paramref name="Page"/> (from 1) gives one page of
/// <paramref name="PageSize"/> rows; null gives the whole list (the export).
/// </summary>
public sealed record DiscoverCandidates(int? Page = null, int PageSize = DiscoverCandidates.DefaultPageSize, string? Program = null, string? County = null)
{
    public const int DefaultPageSize = 50;
}

/// <summary>A recompute run: its id, assessment date (<c>--date</c>) and when it ran.</summary>
public sealed record RecomputeRun(string RunId, DateOnly? Date, DateTimeOffset At);

/// <summary>
/// The list (one page of it when a page was asked for), the newest recompute run (null: none has run yet, so there
/// are no engine signals, only alerts) and the assessment dates of the runs whose stored decisions the engine
/// signals come from (newest first). <see cref="Total"/> counts the rows after the filters, over all pages;
/// <see cref="Page"/> is the page shown (a page past the end shows the last one). <see cref="Programs"/> and
/// <see cref="Counties"/> are the values the filters can take, each with its number of rows in the unfiltered list.
/// </summary>
public sealed record DiscoverResult(
    IReadOnlyList<Candidate> Candidates, RecomputeRun? LatestRun, IReadOnlyList<DateOnly> EngineDates,
    int Total, int Page, int PageSize, IReadOnlyList<(string Code, int Count)> Programs, IReadOnlyList<(string Code, int Count)> Counties)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// 政策找人: people likely eligible but not enrolled, from two sources, ranked by a score:
/// <list type="bullet">
/// <item>the decisions stored by the monthly recompute (<c>eligibility recompute</c>, table
/// <c>eligibility_decisions</c>): for each household in scope its latest stored decision, checked against the
/// registry as it is now: a household program better than the current one, or a member program a current
/// member does not hold now. Nothing is evaluated here: a province view is a database query, however large the
/// registry. A household enrolled since the run no longer differs and drops out. Worth <see cref="EngineScore"/>:
/// the recorded facts passed the rules at the run's date.</item>
/// <item>open alerts of the rules that point at an unclaimed entitlement (<see cref="AlertPrograms"/>), worth
/// their severity: high <see cref="HighScore"/>, medium <see cref="MediumScore"/>, low <see cref="LowScore"/>.
/// Feed facts that the caseworker still has to check.</item>
/// </list>
/// Signals for the same (household, program) add up; ties go to the larger monthly amount, then the household number
/// (unique), then the program: a total order, so the pages of the list neither repeat nor skip a row.
/// Alerts about people in no household are not listed: an application needs a household (they stay in the inbox).
/// <para>Paging: the score of a row sums signals from two tables and the member programs are compared with the
/// registry in memory (they are stored as text), so the ranking key exists only once both are read; SQL cannot
/// order by it. The reads are projections of the rows that may still differ, the ranking is done on those, and
/// only the requested page's rows are built (ID numbers sorted, signals worded) and returned.</para>
/// </summary>
public sealed class DiscoverCandidatesHandler
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

    /// <summary>Member and trace reads by id are batched so that an IN list stays short.</summary>
    private const int Batch = 500;

    private sealed class Draft(long householdId, string householdNo, string county, string township, string current, string program)
    {
        public string HouseholdNo => householdNo;
        public string County => county;
        public string Program => program;

        public Candidate Build() => new(householdId, householdNo, county, township, current, program, Score, Amount,
            [.. Ids.Order(StringComparer.Ordinal)], Signals, EngineDate);

        public int Score { get; set; }
        public decimal? Amount { get; set; }
        public DateOnly? EngineDate { get; set; }
        public SortedSet<string> Ids { get; } = new(StringComparer.Ordinal);
        public List<string> Signals { get; } = [];
    }

    private sealed record HouseholdRow(long Id, string HouseholdNo, string County, string Township, string Program);

    public async Task<DiscoverResult> Handle(DoudiDb db, DiscoverCandidates query, CancellationToken ct)
    {
        var drafts = new Dictionary<(long, string), Draft>();
        Draft For(HouseholdRow h, string program)
        {
            if (!drafts.TryGetValue((h.Id, program), out var d))
                drafts[(h.Id, program)] = d = new Draft(h.Id, h.HouseholdNo, h.County, h.Township, h.Program, program);
            return d;
        }

        var latestRun = await LatestRunAsync(db, ct);
        var engineDates = new SortedSet<DateOnly>();
        if (latestRun is not null) await AddEngineSignalsAsync(db, For, engineDates, ct);

        var rules = AlertPrograms.Keys.ToList();
        var alerts = await (
            from a in db.Alerts.AsNoTracking()
            where a.Status == AlertStatus.Open && a.HouseholdId != null && rules.Contains(a.Rule)
            join h in db.Households.AsNoTracking() on a.HouseholdId equals h.Id
            orderby a.Id
            select new { a.Rule, a.Severity, a.IdNumber, a.DetectedOn, Household = new HouseholdRow(h.Id, h.HouseholdNo, h.CountyCode, h.TownshipCode, h.Program) })
            .ToListAsync(ct);
        foreach (var a in alerts)
        {
            var h = a.Household;
            var program = AlertPrograms[a.Rule];
            // A high medical bill points at 支出型 only for a household that has nothing better.
            if (a.Rule == Rules.HighMedicalCost && !Better(program, h.Program)) continue;
            if (program == Programs.Dibao && !Better(program, h.Program)) continue;
            var d = For(h, program);
            d.Score += a.Severity switch { "high" => HighScore, "medium" => MediumScore, _ => LowScore };
            d.Ids.Add(a.IdNumber);
            d.Signals.Add($"预警：{RuleText(a.Rule)}（{a.DetectedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} 发现）");
        }

        var all = drafts.Values.ToList();
        IEnumerable<Draft> chosen = all;
        if (!string.IsNullOrEmpty(query.Program)) chosen = chosen.Where(d => d.Program == query.Program);
        if (!string.IsNullOrEmpty(query.County)) chosen = chosen.Where(d => d.County == query.County);
        var ranked = chosen
            .OrderByDescending(d => d.Score).ThenByDescending(d => d.Amount ?? -1).ThenBy(d => d.HouseholdNo, StringComparer.Ordinal)
            .ThenBy(d => d.Program, StringComparer.Ordinal).ToList();
        var pageSize = Math.Max(1, query.PageSize);
        var pageCount = Math.Max(1, (ranked.Count + pageSize - 1) / pageSize);
        var page = query.Page is { } p ? Math.Clamp(p, 1, pageCount) : 1;
        var rows = query.Page is null ? ranked : ranked.Skip((page - 1) * pageSize).Take(pageSize);
        return new DiscoverResult([.. rows.Select(d => d.Build())], latestRun, [.. engineDates.Reverse()],
            ranked.Count, page, query.Page is null ? Math.Max(1, ranked.Count) : pageSize,
            Counts(all, d => d.Program), Counts(all, d => d.County));
    }

    private static List<(string Code, int Count)> Counts(List<Draft> drafts, Func<Draft, string> key) =>
        [.. drafts.GroupBy(key).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count()))];

    /// <summary>
    /// The newest recompute run, from the audit trail: every stored run appends one record, also a run that
    /// found nothing new to store.
    /// </summary>
    private static async Task<RecomputeRun?> LatestRunAsync(DoudiDb db, CancellationToken ct)
    {
        var record = await db.AuditRecords.AsNoTracking()
            .Where(r => r.Action == AuditActions.EligibilityRecompute)
            .OrderByDescending(r => r.Id)
            .Select(r => new { r.Subject, r.Detail, r.At })
            .FirstOrDefaultAsync(ct);
        if (record is null) return null;
        var runId = record.Subject.StartsWith("run:", StringComparison.Ordinal) ? record.Subject[4..] : record.Subject;
        return new RecomputeRun(runId, RecomputeRegistry.DateOf(record.Detail), record.At);
    }

    /// <summary>
    /// The engine signals: each household's latest stored decision (a later run stores a decision only when it
    /// differs from the last one stored, so the latest row is the newest run's finding), joined with the
    /// household as it is now. SQL keeps only the rows that may still differ: a better household program than
    /// the current one, or member programs at all; the member programs are then compared with what each current
    /// member holds now. Only projections are read; traces only for the member signals' amounts.
    /// </summary>
    private static async Task AddEngineSignalsAsync(DoudiDb db, Func<HouseholdRow, string, Draft> draftFor, SortedSet<DateOnly> engineDates, CancellationToken ct)
    {
        var latest = from d in db.EligibilityDecisions.AsNoTracking()
                     where !db.EligibilityDecisions.Any(x => x.HouseholdId == d.HouseholdId && x.Id > d.Id)
                     join h in db.Households.AsNoTracking() on d.HouseholdId equals h.Id
                     select new { Decision = d, Household = h };
        var open = latest.Where(x =>
            (x.Decision.NewProgram == Programs.Dibao ? 0 : x.Decision.NewProgram == Programs.Tekun ? 1
                : x.Decision.NewProgram == Programs.DibaoEdge ? 2 : x.Decision.NewProgram == Programs.ExpenditureHardship ? 3 : 9)
            < (x.Household.Program == Programs.Dibao ? 0 : x.Household.Program == Programs.Tekun ? 1
                : x.Household.Program == Programs.DibaoEdge ? 2 : x.Household.Program == Programs.ExpenditureHardship ? 3 : 9)
            || x.Decision.NewMemberPrograms != "");
        var rows = await open
            .OrderBy(x => x.Household.Id)
            .Select(x => new
            {
                DecisionId = x.Decision.Id,
                x.Decision.Date,
                x.Decision.NewProgram,
                x.Decision.NewAmount,
                x.Decision.NewMemberPrograms,
                Household = new HouseholdRow(x.Household.Id, x.Household.HouseholdNo, x.Household.CountyCode, x.Household.TownshipCode, x.Household.Program),
            })
            .ToListAsync(ct);
        if (rows.Count == 0) return;

        // The current members of those households: ID number and the programs each holds now (by household id,
        // a batch at a time: a correlated subquery per member cost a scan of the members table).
        var found = new List<(long HouseholdId, string IdNumber, string MemberPrograms)>();
        foreach (var chunk in rows.Select(r => r.Household.Id).Chunk(Batch))
        {
            var ids = chunk.ToList();
            foreach (var m in await db.Members.AsNoTracking().Where(m => m.LeftOn == null && ids.Contains(m.HouseholdId))
                         .Select(m => new { m.HouseholdId, m.IdNumber, m.MemberPrograms }).ToListAsync(ct))
                found.Add((m.HouseholdId, m.IdNumber, m.MemberPrograms));
        }
        var members = found.ToLookup(m => m.HouseholdId);

        var memberSignals = new List<(long DecisionId, Draft Draft, string Program, List<string> Missing)>();
        foreach (var r in rows)
        {
            var h = r.Household;
            var current = members[h.Id].ToList();
            if (Better(r.NewProgram, h.Program))
            {
                var d = draftFor(h, r.NewProgram);
                d.Score += EngineScore;
                d.Amount = r.NewAmount;
                d.EngineDate = r.Date;
                engineDates.Add(r.Date);
                foreach (var m in current) d.Ids.Add(m.IdNumber);
                d.Signals.Add($"按登记的家庭情况试算，符合{Registry.Programs.ChineseName(r.NewProgram)}条件（月 {Kernel.Money.Format(r.NewAmount)} 元），现为{Registry.Programs.ChineseName(h.Program)}");
            }
            if (r.NewMemberPrograms.Length == 0) continue;
            var held = current.ToDictionary(m => m.IdNumber, m => m.MemberPrograms.Split(';', StringSplitOptions.TrimEntries), StringComparer.Ordinal);
            var missing = new SortedDictionary<string, List<string>>(StringComparer.Ordinal); // program → members without it
            foreach (var (idNumber, programs) in ParseMemberPrograms(r.NewMemberPrograms))
            {
                // A member who has left since the run is no longer the household's to apply for.
                if (!held.TryGetValue(idNumber, out var has)) continue;
                foreach (var p in programs)
                {
                    if (p == r.NewProgram || has.Contains(p, StringComparer.Ordinal)) continue;
                    if (!missing.TryGetValue(p, out var list)) missing[p] = list = [];
                    list.Add(idNumber);
                }
            }
            foreach (var (program, ids) in missing)
            {
                var d = draftFor(h, program);
                d.Score += EngineScore;
                d.EngineDate = r.Date;
                engineDates.Add(r.Date);
                foreach (var id in ids) d.Ids.Add(id);
                d.Signals.Add($"按登记的成员情况试算，{ids.Count} 人符合{Registry.Programs.ChineseName(program)}条件但未享受");
                memberSignals.Add((r.DecisionId, d, program, ids));
            }
        }

        // The amounts of the member signals are the members' shares in the stored trace (the decision row keeps
        // only who gets which program); the traces are read for those decisions only.
        var traceIds = memberSignals.Select(s => s.DecisionId).Distinct().ToList();
        var traces = new Dictionary<long, string>();
        foreach (var chunk in traceIds.Chunk(Batch))
        {
            var ids = chunk.ToList();
            foreach (var t in await db.EligibilityDecisions.AsNoTracking().Where(d => ids.Contains(d.Id)).Select(d => new { d.Id, d.Trace }).ToListAsync(ct))
                traces[t.Id] = t.Trace;
        }
        foreach (var s in memberSignals)
        {
            var shares = traces.TryGetValue(s.DecisionId, out var trace) ? PerMember(trace, s.Program) : null;
            if (shares is null) continue;
            s.Draft.Amount = (s.Draft.Amount ?? 0m) + s.Missing.Sum(id => shares.GetValueOrDefault(id));
        }
    }

    /// <summary><c>id_number:program;program|…</c> (the stored member programs) as pairs.</summary>
    private static IEnumerable<(string IdNumber, string[] Programs)> ParseMemberPrograms(string text)
    {
        foreach (var member in text.Split('|', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = member.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) continue;
            yield return (member[..colon], member[(colon + 1)..].Split(';', StringSplitOptions.RemoveEmptyEntries));
        }
    }

    /// <summary>A program's per-member shares in a stored trace (the contract's JSON), or null when it has none.</summary>
    private static Dictionary<string, decimal>? PerMember(string trace, string program)
    {
        if (trace.Length == 0) return null;
        using var json = JsonDocument.Parse(trace);
        foreach (var d in json.RootElement.GetProperty("determinations").EnumerateArray())
        {
            if (d.GetProperty("program").GetString() != program) continue;
            if (!d.TryGetProperty("per_member", out var shares)) return null;
            return shares.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDecimal(), StringComparer.Ordinal);
        }
        return null;
    }

    /// <summary>Whether <paramref name="program"/> is a better household program than <paramref name="current"/>.</summary>
    private static bool Better(string program, string current)
    {
        var next = Array.IndexOf(HouseholdOrder, program);
        var now = Array.IndexOf(HouseholdOrder, current);
        return next >= 0 && (now < 0 || next < now);
    }

    private static string RuleText(string rule) => rule switch
    {
        Rules.PovertyWatchUnassisted => "防返贫监测对象未获救助",
        Rules.SevereDisabilityCandidate => "低保边缘家庭重度残疾成员，可单人保",
        Rules.UnemployedEdge => "低保边缘家庭成员本月失业登记，收入可能下降",
        Rules.HighMedicalCost => "近 12 个月医疗自付费用高",
        _ => rule,
    };
}
