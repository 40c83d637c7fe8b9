using Doudi.Monitoring;
using Doudi.Oversight;
using Doudi.Persistence;
using Doudi.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Web.Pages.Alerts;

/// <summary>
/// One alert with all its evidence (feed, natural key, the month a run first saw it), its handling and links to
/// the household file and its verification. Outside the user's region the query filter hides it: 404.
/// </summary>
public sealed class DetailModel(DoudiDb db, RequestAudit audit, TimeProvider clock) : PageModel
{
    public AlertRow Alert { get; private set; } = null!;
    public long? HouseholdId { get; private set; }
    public string Month { get; private set; } = "";
    public IReadOnlyList<EvidenceLine> Evidence { get; private set; } = [];
    public bool CanClose => Policies.Allows(User, Policies.CloseAlertsRoles);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var alert = await db.Alerts.AsNoTracking().Include(a => a.Evidence).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (alert is null)
        {
            await audit.AppendAsync(AuditActions.AlertViewRefused, AuditActions.AlertSubject(id), "不在账号辖区内或不存在", ct: ct);
            return NotFound();
        }
        await audit.AppendAsync(AuditActions.AlertView, AuditActions.AlertSubject(id), $"rule={alert.Rule}; status={alert.Status}", ct: ct);
        Alert = AlertRow.From(alert, ChinaTime.Today(clock));
        HouseholdId = alert.HouseholdId;
        Month = alert.Month;
        Evidence = [.. alert.Evidence.OrderBy(e => e.Id).Select(e => new EvidenceLine(e.Key[..Math.Max(0, e.Key.IndexOf(':', StringComparison.Ordinal))],
            AlertRow.MaskIds(e.Key), AlertRow.MaskIds(e.Text), e.Month))];
        return Page();
    }
}

public sealed record EvidenceLine(string Source, string Key, string Text, string Month);
