using Doudi.Applications;
using Doudi.Kernel;
using Doudi.Oversight;
using Doudi.Persistence;
using Doudi.Registry;
using Doudi.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Web.Pages.Applications;

/// <summary>The decision letter (决定书) of a decided case, in Chinese, with its reasons and the right to appeal; printable.</summary>
public sealed class LetterModel(DoudiDb db, RequestAudit audit) : PageModel
{
    public Application Application { get; private set; } = null!;
    public Household Household { get; private set; } = null!;
    public Procedure Procedure { get; private set; } = null!;
    public string Authority { get; private set; } = "";
    public string? MemberName { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var application = await ApplicationWorkflow.FindAsync(db, id, ct);
        if (application?.DecidedOn is null) return NotFound();
        Application = application;
        Household = await db.Households.AsNoTracking().Include(h => h.Members).SingleAsync(h => h.Id == application.HouseholdId, ct);
        MemberName = Household.Members.FirstOrDefault(m => m.Id == application.MemberId)?.Name;
        Procedure = Procedure.InForce(application.ProcedureSince);
        var decider = application.History.LastOrDefault(t => t.Action is "approve" or "refuse" or "not_accept");
        var township = await db.Regions.AsNoTracking().Where(r => r.Code == application.TownshipCode).Select(r => r.Name).FirstOrDefaultAsync(ct) ?? application.TownshipCode;
        var county = RegionCatalog.Guangdong2022.FindCounty(application.CountyCode) is { } c ? c.CityName + c.Name : application.CountyCode;
        // Refusing acceptance, and deciding where the county delegated, is the township's act; otherwise the county's.
        Authority = decider?.Role == Doudi.Access.Roles.Caseworker ? county + township + "（乡镇人民政府/街道办事处）" : county + "民政局";
        await audit.AppendAsync(AuditActions.ApplicationView, AuditActions.ApplicationSubject(id), "decision letter", ct: ct);
        return Page();
    }
}
