using System.Globalization;
using Doudi.Kernel;
using Doudi.Monitoring;
using Doudi.Oversight;
using Doudi.Persistence;
using Doudi.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

using MiniExcelLibs;

namespace Doudi.Web.Pages.Alerts;

/// <summary>
/// The alert inbox (预警处置): the townships in the user's region with their alerts, one township's open alerts
/// oldest due first with their evidence, its closed ones, and counts per county and rule. The region scope is
/// the query filter on alerts, so a township or id outside it is simply not found.
/// </summary>
public sealed class IndexModel(DoudiDb db, RequestAudit audit, TimeProvider clock) : PageModel
{
    private const int MaxRows = 500;

    [BindProperty(SupportsGet = true)]
    public string? Township { get; set; }

    public IReadOnlyList<TownshipCount> Townships { get; private set; } = [];
    public IReadOnlyList<AlertRow> Open { get; private set; } = [];
    public IReadOnlyList<AlertRow> Closed { get; private set; } = [];
    public IReadOnlyList<RuleCount> Counts { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public bool CanClose => Policies.Allows(User, Policies.CloseAlertsRoles);

    /// <summary>Why the last close was refused, and the alert and values it was for (shown back in its form).</summary>
    public string? Error { get; private set; }
    public long? ErrorAlertId { get; private set; }
    public string? PostedFinding { get; private set; }
    public string? PostedAction { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (string.IsNullOrEmpty(Township)) return;
        // Opening a township's list shows ID numbers (masked) and feed facts about named people.
        await audit.AppendAsync(AuditActions.AlertInboxView, "alerts:" + Township,
            string.Create(CultureInfo.InvariantCulture, $"open={Open.Count}; closed={Closed.Count}"), ct: ct);
    }

    public async Task<IActionResult> OnPostCloseAsync(long id, string? finding, string? action, CancellationToken ct)
    {
        if (!CanClose) return Forbid();
        var by = StaffPrincipal.UserName(User) ?? "unknown";
        var outcome = await CloseAlertHandler.HandleAsync(db, new CloseAlert(id, finding, action, by), clock.GetUtcNow(), ct);
        if (outcome.Alert is not { } alert)
        {
            // Outside the user's region the query filter hides the alert: the same answer as a wrong id.
            await audit.AppendAsync(AuditActions.AlertCloseRefused, AuditActions.AlertSubject(id), "不在账号辖区内或不存在", ct: ct);
            return NotFound();
        }
        Township = alert.Township == "" ? alert.County : alert.Township;
        if (!outcome.Closed)
        {
            (Error, ErrorAlertId, PostedFinding, PostedAction) = (RefusalText(outcome.Refusal), id, finding, action?.Trim());
            await LoadAsync(ct);
            return Page();
        }
        // The audit trail saves the closed alert and its record in one transaction.
        var committed = await CloseAlertHandler.CommitAsync(db, outcome, () => audit.AppendAsync(AuditActions.AlertClosed,
            AuditActions.AlertSubject(alert.Id), $"rule={alert.Rule}; region={Township}; finding={alert.Finding}", ct: ct));
        if (!committed.Closed)
        {
            await audit.AppendAsync(AuditActions.AlertCloseRefused, AuditActions.AlertSubject(id), "已被他人先办结（并发冲突）", ct: ct);
            (Error, ErrorAlertId, PostedFinding, PostedAction) = (RefusalText(committed.Refusal), id, finding, action?.Trim());
            await LoadAsync(ct);
            return Page();
        }
        return RedirectToPage(new { Township });
    }

    public static string RefusalText(CloseAlertRefusal refusal) => refusal switch
    {
        CloseAlertRefusal.AlreadyClosed => "该预警已办结，不能重复办结。",
        CloseAlertRefusal.MissingFinding => "请选择“核查结果”（属实、不属实或数据错误）后再办结。",
        CloseAlertRefusal.MissingAction => "请填写“处理措施”后再办结。",
        CloseAlertRefusal.ActionTooLong => $"“处理措施”不能超过 {CloseAlertHandler.MaxActionLength} 字。",
        CloseAlertRefusal.Conflict => "该预警刚刚已被其他人办结，您的核查结果未保存。请在“已办结”中查看其结果；如有不同意见，请与办结人核实。",
        _ => "无法办结该预警。",
    };

    private async Task LoadAsync(CancellationToken ct)
    {
        Today = ChinaTime.Today(clock);
        var today = Today;
        var regionNames = await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Code, r => r.Name, ct);

        var byRegion = await db.Alerts.AsNoTracking()
            .GroupBy(a => new { a.County, a.Township })
            .Select(g => new { g.Key.County, g.Key.Township, Open = g.Count(a => a.Status == AlertStatus.Open), Total = g.Count() })
            .ToListAsync(ct);
        Townships = byRegion
            .Select(t => t.Township == "" ? t.County : t.Township)
            .Distinct()
            .Select(code => new TownshipCount(code, RegionName(code, regionNames),
                byRegion.Where(t => (t.Township == "" ? t.County : t.Township) == code).Sum(t => t.Open),
                byRegion.Where(t => (t.Township == "" ? t.County : t.Township) == code).Sum(t => t.Total - t.Open)))
            .OrderBy(t => t.Code, StringComparer.Ordinal).ToList();
        // A caseworker has one township: open it at once.
        if (string.IsNullOrEmpty(Township) && Townships.Count == 1) Township = Townships[0].Code;

        Counts = (await db.Alerts.AsNoTracking()
                .GroupBy(a => new { a.County, a.Rule })
                .Select(g => new
                {
                    g.Key.County,
                    g.Key.Rule,
                    Open = g.Count(a => a.Status == AlertStatus.Open),
                    Overdue = g.Count(a => a.Status == AlertStatus.Open && a.DueOn < today),
                    Closed = g.Count(a => a.Status == AlertStatus.Closed),
                })
                .ToListAsync(ct))
            .Select(c => new RuleCount(c.County, RegionName(c.County, regionNames), c.Rule, c.Open, c.Overdue, c.Closed))
            .OrderBy(c => c.County, StringComparer.Ordinal).ThenBy(c => c.Rule, StringComparer.Ordinal).ToList();

        if (string.IsNullOrEmpty(Township)) return;
        await LoadListsAsync(MaxRows, ct);
    }

    // The township's open alerts (by due date) and closed ones (latest first), at most `limit` of each (null: all).
    private async Task LoadListsAsync(int? limit, CancellationToken ct)
    {
        var (code, today) = (Township, Today);
        var inRegion = db.Alerts.AsNoTracking().Include(a => a.Evidence)
            .Where(a => a.Township == code || (a.Township == "" && a.County == code));
        var open = inRegion.Where(a => a.Status == AlertStatus.Open).OrderBy(a => a.DueOn).ThenBy(a => a.DetectedOn).ThenBy(a => a.Id);
        Open = (await (limit is { } n ? open.Take(n) : open).ToListAsync(ct)).Select(a => AlertRow.From(a, today)).ToList();
        // SQLite cannot order by a DateTimeOffset: the newest ids first, then by closing time in memory.
        var closed = inRegion.Where(a => a.Status == AlertStatus.Closed).OrderByDescending(a => a.Id);
        Closed = (await (limit is { } m ? closed.Take(m) : closed).ToListAsync(ct))
            .OrderByDescending(a => a.ClosedAt).Select(a => AlertRow.From(a, today)).ToList();
    }

    /// <summary>
    /// The township's alerts as .xlsx, every one of them (the page shows 500 of each list): a sheet of open ones, by
    /// due date, for the visits, and a sheet of closed ones. ID numbers are masked as on the page; the export is audited.
    /// </summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        if (string.IsNullOrEmpty(Township)) return BadRequest();
        Today = ChinaTime.Today(clock);
        await LoadListsAsync(null, ct);
        var sheets = new Dictionary<string, object>
        {
            ["未办结"] = Open.Select(a => new Dictionary<string, object?>
            {
                ["规则"] = a.RuleName,
                ["严重程度"] = a.Severity,
                ["身份证号"] = a.IdMasked,
                ["户号"] = Cell(a.HouseholdNo),
                ["发现日期"] = Date(a.DetectedOn),
                ["办理期限"] = Date(a.DueOn),
                ["是否逾期"] = a.Overdue ? "已逾期" : "",
                ["依据"] = Cell(string.Join("；", a.Evidence)),
            }).ToList(),
            ["已处置"] = Closed.Select(a => new Dictionary<string, object?>
            {
                ["规则"] = a.RuleName,
                ["身份证号"] = a.IdMasked,
                ["户号"] = Cell(a.HouseholdNo),
                ["核查结果"] = FindingName(a.Finding),
                ["处理措施"] = Cell(a.Action ?? ""),
                ["办结人"] = a.ClosedBy,
                ["办结时间"] = a.ClosedAt is { } at ? ChinaTime.Format(at) : "",
                ["依据"] = Cell(string.Join("；", a.Evidence)),
            }).ToList(),
        };
        using var buffer = new MemoryStream();
        await buffer.SaveAsAsync(sheets, cancellationToken: ct);
        await audit.AppendAsync(AuditActions.AlertsExport, "alerts:" + Township,
            string.Create(CultureInfo.InvariantCulture, $"open={Open.Count}; closed={Closed.Count}; xlsx"), ct: ct);
        return File(buffer.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            $"预警-{Township}-{Today.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}.xlsx");
    }

    private static string Cell(string text) => Doudi.Imports.SpreadsheetCell.Text(text);

    /// <summary>The counts by rule over the user's region (open by due date, closed), for the chart.</summary>
    public string ChartJson() => System.Text.Json.JsonSerializer.Serialize(Counts.GroupBy(c => c.Rule).OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => new { rule = AlertRow.RuleNameOf(g.Key), overdue = g.Sum(c => c.Overdue), open = g.Sum(c => c.Open - c.Overdue), closed = g.Sum(c => c.Closed) }));

    private static string RegionName(string code, Dictionary<string, string> regionNames)
    {
        if (regionNames.TryGetValue(code, out var name)) return name;
        return RegionCatalog.Guangdong2022.FindCounty(code) is { } county ? county.CityName + county.Name : code;
    }

    public static string FindingName(string? finding) => finding switch
    {
        "confirmed" => "属实",
        "not_confirmed" => "不属实",
        "data_error" => "数据错误",
        _ => finding ?? "",
    };

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

public sealed record TownshipCount(string Code, string Name, int Open, int Closed);

public sealed record RuleCount(string County, string CountyName, string Rule, int Open, int Overdue, int Closed);
