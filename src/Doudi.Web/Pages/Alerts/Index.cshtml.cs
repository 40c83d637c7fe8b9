using Doudi.Monitoring;
using Doudi.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Web.Pages.Alerts;

/// <summary>
/// A township's alert inbox (预警待办): open alerts routed to it, oldest due first; closing needs a signed-in
/// officer (sign-in is being added to the host: until then the page is read-only).
/// </summary>
public sealed class IndexModel(DoudiDb db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Township { get; set; }

    public IReadOnlyList<Alert> Open { get; private set; } = [];
    public IReadOnlyList<(string Code, int Count)> Townships { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public static string RuleName(string rule) => rule switch
    {
        Rules.DeceasedRecipient => "死亡人员仍在享受",
        Rules.VehicleOwner => "名下有车辆",
        Rules.PropertyOverLimit => "家庭房产超标",
        Rules.BusinessOwner => "名下有存续企业",
        Rules.EmploymentIncome => "本月有社保缴费",
        Rules.HighMedicalCost => "医疗自付费用高",
        Rules.SevereDisabilityCandidate => "重度残疾可单人保",
        Rules.UnemployedEdge => "低保边缘人员失业登记",
        Rules.DetainedMember => "在押服刑",
        Rules.PovertyWatchUnassisted => "防返贫监测对象未获救助",
        Rules.OfficialKinRecipient => "干部近亲属享受救助",
        Rules.DuplicateEnrolment => "重复享受",
        _ => rule,
    };

    public static string SeverityName(string severity) => severity switch { "high" => "高", "medium" => "中", "low" => "低", _ => severity };

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        Townships = (await db.Alerts.AsNoTracking().Where(a => a.Status == AlertStatus.Open)
                .GroupBy(a => a.Township == "" ? a.County : a.Township).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => (t.Key, t.Count)).ToList();
        if (string.IsNullOrEmpty(Township)) return;
        Open = await db.Alerts.AsNoTracking().Include(a => a.Evidence)
            .Where(a => a.Status == AlertStatus.Open && (a.Township == Township || (a.Township == "" && a.County == Township)))
            .OrderBy(a => a.DueOn).ThenBy(a => a.Rule).Take(500).ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostCloseAsync(long id, string finding, string action, CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated != true) return Forbid();
        var alert = await db.Alerts.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (alert is null) return NotFound();
        if (alert.Status != AlertStatus.Open || !AlertStatus.Findings.Contains(finding) || string.IsNullOrWhiteSpace(action)) return BadRequest();
        alert.Close(finding, action.Trim(), User.Identity.Name ?? "unknown", clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return RedirectToPage(new { Township });
    }
}
