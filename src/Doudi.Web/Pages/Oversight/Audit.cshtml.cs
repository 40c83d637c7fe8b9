using System.Globalization;
using Doudi.Oversight;
using Doudi.Oversight.Browse;
using Doudi.Persistence;
using Doudi.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Doudi.Web.Pages.Oversight;

/// <summary>The audit log for auditors: filter by actor or subject, and whether the hash chain holds.</summary>
public sealed class AuditModel(DoudiDb db, RequestAudit audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Subject { get; set; }

    [BindProperty(Name = "p", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public AuditLogPage Log { get; private set; } = null!;

    public ChainVerification Chain { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        // Reading the log is itself recorded: auditors are accountable too.
        await audit.AppendAsync(AuditActions.AuditLogView, "audit_log",
            string.Create(CultureInfo.InvariantCulture, $"actor={Actor}; subject={Subject}; page={PageNumber}"), ct: ct);
        Chain = await AuditTrail.VerifyChainAsync(db, ct);
        Log = await AuditLog.ReadAsync(db, new AuditLogQuery(Actor, Subject, PageNumber), ct);
    }
}
