using System.Globalization;
using Doudi.Applications;
using Doudi.Persistence;
using Doudi.Registry;
using Doudi.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Web.Pages.Applications;

/// <summary>
/// A new application for a household (<c>/Applications/New?householdId=…&amp;program=…</c>, the address other pages
/// link to): who applies, the members' consent to verification, the checklist, where and when it was handed in.
/// </summary>
public sealed class NewModel(DoudiDb db, ApplicationWorkflow workflow) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long HouseholdId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Program { get; set; }

    [BindProperty]
    public long? MemberId { get; set; }

    /// <summary>The applying member's id, or empty for an agent (代办).</summary>
    [BindProperty]
    public long? ApplicantMemberId { get; set; }

    [BindProperty]
    public string? AgentName { get; set; }

    [BindProperty]
    public string? AgentIdNumber { get; set; }

    [BindProperty]
    public List<long> Consent { get; set; } = [];

    [BindProperty]
    public List<string> Documents { get; set; } = [];

    [BindProperty]
    public string? FiledAt { get; set; }

    [BindProperty]
    public string? AppliedOn { get; set; }

    public Household? Household { get; private set; }
    public string? Error { get; private set; }
    public Procedure Procedure { get; private set; } = null!;
    public bool CanApply => Policies.Allows(User, Policies.ApplyRoles);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        AppliedOn ??= ApplicationServices.Date(workflow.Today);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CanApply) return Forbid();
        if (!await LoadAsync(ct)) return NotFound();
        var officer = await ApplicationServices.OfficerAsync(db, User, ct);
        if (officer is null) return Forbid();
        if (!DateOnly.TryParseExact(AppliedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on))
        {
            Error = "申请日期：请按 年-月-日 填写，例如 2026-11-02。";
            return Page();
        }
        try
        {
            var application = await workflow.SubmitAsync(db, new SubmitApplication(HouseholdId, Program ?? "", MemberId, FiledAt,
                ApplicantMemberId, AgentName, AgentIdNumber, Consent, Documents, on), officer, ct);
            return Redirect("/Applications/" + application.Id.ToString(CultureInfo.InvariantCulture));
        }
        catch (CaseRefusedException e)
        {
            Error = e.Message;
            return Page();
        }
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Household = await db.Households.AsNoTracking().Include(h => h.Members).FirstOrDefaultAsync(h => h.Id == HouseholdId, ct);
        Procedure = Procedure.InForce(workflow.Today);
        return Household is not null;
    }
}
