using Doudi.Oversight;
using Doudi.Persistence;
using Doudi.Registry.ViewHousehold;
using Doudi.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Doudi.Web.Pages.Households;

/// <summary>A household's file. Every view, and every refused attempt, leaves an audit record.</summary>
public sealed class DetailModel(DoudiDb db, RequestAudit audit, TimeProvider clock) : PageModel
{
    public HouseholdDetails Household { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var subject = AuditActions.HouseholdSubject(id);
        var details = await HouseholdDetailsQuery.LoadAsync(db, id, ChinaTime.Today(clock), ct);
        if (details is null)
        {
            // The detail is for auditors (they read Chinese); the user gets the same answer either way.
            var why = await HouseholdDetailsQuery.ExplainRefusalAsync(db, id, ct);
            await audit.AppendAsync(AuditActions.HouseholdViewRefused, subject,
                why == Refusal.OutsideScope ? "不在账号辖区内" : "无此家庭", ct: ct);
            // 404 for both, so the refusal does not reveal that the household exists.
            return NotFound();
        }
        await audit.AppendAsync(AuditActions.HouseholdView, subject, "household_no=" + details.HouseholdNo, ct: ct);
        Household = details;
        return Page();
    }
}
