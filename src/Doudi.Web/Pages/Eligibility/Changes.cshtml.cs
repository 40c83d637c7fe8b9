using System.Globalization;
using System.Text.Json;
using Doudi.Eligibility.Recompute;
using Doudi.Kernel;
using Doudi.Oversight;
using Doudi.Persistence;
using Doudi.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Web.Pages.Eligibility;

/// <summary>
/// 核算变化: the decisions <c>doudi eligibility recompute</c> stored, for the user's region (the query filter on
/// decisions goes through their household, so a caseworker sees its township's and a county approver its
/// county's). Runs, counts per county and change kind, the changed households with old and new program and
/// amount, one decision's full trace (reasons and figures), and the Excel export with ID numbers masked.
/// </summary>
public sealed class ChangesModel(DoudiDb db, RequestAudit audit) : PageModel
{
    public const int MaxRows = 500;

    [BindProperty(SupportsGet = true)] public string? Run { get; set; }
    [BindProperty(SupportsGet = true)] public string? County { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public long? Decision { get; set; }

    public IReadOnlyList<RunRow> Runs { get; private set; } = [];
    public RunRow? Chosen { get; private set; }
    /// <summary>
    /// The change kinds a run stores, in the order of the county table's columns and the kind filter: the five
    /// changes of enrolment, then 已无差异 (a household whose last stored change no longer holds).
    /// </summary>
    public static readonly IReadOnlyList<string> Kinds =
    [
        ChangeKinds.NewlyEligible, ChangeKinds.NoLongerEligible, ChangeKinds.ProgramChanged, ChangeKinds.AmountChanged,
        ChangeKinds.MemberProgramsChanged, ChangeKinds.NoLongerDiffers,
    ];

    public IReadOnlyList<CountyCounts> Counts { get; private set; } = [];

    /// <summary>The sum over the counties (null with one county: its row is the total).</summary>
    public CountyCounts? Total { get; private set; }
    public IReadOnlyList<EligibilityDecision> Rows { get; private set; } = [];
    public int RowsTotal { get; private set; }
    public EligibilityDecision? Selected { get; private set; }
    public IReadOnlyList<TraceDetermination> Trace { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadRunsAsync(ct);
        if (Decision is { } id)
        {
            Selected = await db.EligibilityDecisions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
            if (Selected is null)
            {
                // Outside the region the filter hides it: the same answer as a wrong id.
                await audit.AppendAsync(AuditActions.HouseholdViewRefused, "decision:" + Number(id), "不在账号辖区内或不存在", ct: ct);
                return NotFound();
            }
            Trace = TraceDetermination.Parse(Selected.Trace);
            Run = Selected.RunId;
            Chosen = Runs.FirstOrDefault(r => r.RunId == Run);
            await audit.AppendAsync(AuditActions.DecisionsView, "decision:" + Number(id),
                $"household {Selected.HouseholdNo}; run {Selected.RunId}", ct: ct);
            return Page();
        }
        if (Chosen is null) return Page();
        var inRun = db.EligibilityDecisions.AsNoTracking().Where(d => d.RunId == Chosen.RunId);
        var all = await inRun.Select(d => new { d.CountyCode, d.ChangeKind, d.OldAmount, d.NewAmount }).ToListAsync(ct);
        Counts = [.. all.GroupBy(d => d.CountyCode).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new CountyCounts(
            g.Key, CountyName(g.Key), [.. Kinds.Select(k => g.Count(d => d.ChangeKind == k))], g.Sum(d => d.NewAmount - d.OldAmount)))];
        if (Counts.Count > 1)
            Total = new CountyCounts("", "合计", [.. Kinds.Select((_, i) => Counts.Sum(c => c.ByKind[i]))], Counts.Sum(c => c.MonthlyDifference));
        var filtered = Filter(inRun);
        RowsTotal = await filtered.CountAsync(ct);
        Rows = await filtered.OrderBy(d => d.CountyCode).ThenBy(d => d.HouseholdNo).Take(MaxRows).ToListAsync(ct);
        // The list names households and (masked) members: a view of personal data.
        await audit.AppendAsync(AuditActions.DecisionsView, "run:" + Chosen.RunId,
            string.Create(CultureInfo.InvariantCulture, $"county={County ?? "all"}; kind={Kind ?? "all"}; rows={Rows.Count} of {RowsTotal}"), ct: ct);
        return Page();
    }

    /// <summary>The run's changes in the user's region (and the chosen county and kind) as .xlsx, ID numbers masked.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        if (string.IsNullOrEmpty(Run)) return NotFound();
        var changes = await Filter(db.EligibilityDecisions.AsNoTracking().Where(d => d.RunId == Run))
            .OrderBy(d => d.CountyCode).ThenBy(d => d.HouseholdNo).ToListAsync(ct);
        if (changes.Count == 0) return NotFound();
        using var buffer = new MemoryStream();
        DecisionExport.WriteXlsx(buffer, changes, fullIds: false);
        await audit.AppendAsync(AuditActions.DecisionsExport, "run:" + Run,
            string.Create(CultureInfo.InvariantCulture, $"county={County ?? "all"}; kind={Kind ?? "all"}; {changes.Count} changes; ID numbers masked"), ct: ct);
        var date = changes[0].Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return File(buffer.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"核算变化-{date}.xlsx");
    }

    private IQueryable<EligibilityDecision> Filter(IQueryable<EligibilityDecision> q)
    {
        if (!string.IsNullOrEmpty(County)) q = q.Where(d => d.CountyCode == County);
        if (!string.IsNullOrEmpty(Kind)) q = q.Where(d => d.ChangeKind == Kind);
        return q;
    }

    private async Task LoadRunsAsync(CancellationToken ct)
    {
        var runs = await db.EligibilityDecisions.AsNoTracking()
            .GroupBy(d => new { d.RunId, d.Date })
            .Select(g => new { g.Key.RunId, g.Key.Date, Count = g.Count(), Last = g.Max(d => d.Id) })
            .ToListAsync(ct);
        var lasts = runs.Select(r => r.Last).ToList();
        var at = await db.EligibilityDecisions.AsNoTracking().Where(d => lasts.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.CreatedAt, ct);
        Runs = [.. runs.OrderByDescending(r => r.Last).Select(r => new RunRow(r.RunId, r.Date, at[r.Last], r.Count))];
        Chosen = Runs.FirstOrDefault(r => r.RunId == Run) ?? (string.IsNullOrEmpty(Run) ? (Runs.Count > 0 ? Runs[0] : null) : null);
        Run = Chosen?.RunId;
    }

    public static string CountyName(string code) =>
        RegionCatalog.Guangdong2022.FindCounty(code) is { } c ? c.CityName + c.Name : code;

    public static string Money(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Difference(decimal d) => d.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture);

    /// <summary>Member programs as <c>440106********123X：困难残疾人生活补贴</c>, one member per item.</summary>
    public static IEnumerable<string> MemberPrograms(string text) =>
        text.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(m =>
        {
            var colon = m.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0) return DecisionExport.MaskIds(m);
            var programs = m[(colon + 1)..].Split(';').Select(Doudi.Registry.Programs.ChineseName);
            return DecisionExport.MaskIds(m[..colon]) + "：" + string.Join("、", programs);
        });

    private static string Number(long id) => id.ToString(CultureInfo.InvariantCulture);
}

public sealed record RunRow(string RunId, DateOnly Date, DateTimeOffset At, int Count);

/// <summary>A county's decisions in a run: how many of each kind (in <see cref="ChangesModel.Kinds"/>' order) and the monthly difference.</summary>
public sealed record CountyCounts(string County, string Name, IReadOnlyList<int> ByKind, decimal MonthlyDifference);

/// <summary>One program's determination as the stored trace has it, ID numbers masked for display.</summary>
public sealed record TraceDetermination(string Program, bool Eligible, string Amount, IReadOnlyList<string> Members, IReadOnlyList<string> Reasons,
    IReadOnlyList<string> Figures)
{
    public static IReadOnlyList<TraceDetermination> Parse(string trace)
    {
        using var json = JsonDocument.Parse(trace);
        return [.. json.RootElement.GetProperty("determinations").EnumerateArray().Select(d => new TraceDetermination(
            d.GetProperty("program").GetString()!,
            d.GetProperty("eligible").GetBoolean(),
            d.GetProperty("monthly_amount").GetRawText(),
            [.. d.GetProperty("members").EnumerateArray().Select(m => DecisionExport.MaskIds(m.GetString()!))],
            [.. d.GetProperty("reasons").EnumerateArray().Select(r => DecisionExport.MaskIds(r.GetString()!))],
            [.. d.GetProperty("parameters").EnumerateArray().Select(p =>
                $"{p.GetProperty("name").GetString()} = {p.GetProperty("value").GetRawText()}（自 {p.GetProperty("effective_from").GetString()}，{p.GetProperty("reference").GetString()}）")]))];
    }
}
