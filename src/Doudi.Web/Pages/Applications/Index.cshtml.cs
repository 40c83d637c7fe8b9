using Doudi.Access;
using Doudi.Applications;
using Doudi.Kernel;
using Doudi.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Web.Pages.Applications;

/// <summary>
/// 申请审批: the cases of the user's region (the query filter scopes them by township) with each one's current step
/// and deadline, overdue and due-soon counts per township, the separate register of 近亲属备案 cases, the reviews
/// (核查) coming due, and for a county approver the county's approval delegations.
/// </summary>
public sealed class IndexModel(DoudiDb db, ApplicationWorkflow workflow) : PageModel
{
    private const int MaxRows = 500;

    /// <summary>open (default), all, kin (近亲属备案 register), reviews.</summary>
    [BindProperty(SupportsGet = true)]
    public string? View { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Township { get; set; }

    public IReadOnlyList<CaseRow> Rows { get; private set; } = [];
    public IReadOnlyList<TownshipLoad> Townships { get; private set; } = [];
    public IReadOnlyList<string> Delegated { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public bool IsCountyApprover => User.IsInRole(Roles.CountyApprover);
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostDelegateAsync(string program, bool delegated, CancellationToken ct)
    {
        var officer = await ApplicationServices.OfficerAsync(db, User, ct);
        if (officer is null) return Forbid();
        try
        {
            await workflow.SetDelegationAsync(db, officer.RegionCode, program, delegated, officer, ct);
        }
        catch (CaseRefusedException e)
        {
            Error = e.Message;
            await LoadAsync(ct);
            return Page();
        }
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Today = workflow.Today;
        var today = Today;
        var procedure = Procedure.InForce(today);
        var soon = WorkingCalendar.Official.AddWorkingDays(today, procedure.DueSoonWorkingDays);
        var open = ApplicationWorkflow.OpenStates;
        var regionNames = await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Code, r => r.Name, ct);

        var cases = db.Applications.AsNoTracking();
        var loads = await cases.Where(a => open.Contains(a.State))
            .Select(a => new { a.TownshipCode, a.StepDueOn, a.TotalDueOn, a.OfficialKin }).ToListAsync(ct);
        Townships = loads.GroupBy(a => a.TownshipCode).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new TownshipLoad(g.Key, regionNames.GetValueOrDefault(g.Key, g.Key), g.Count(),
                g.Count(a => (a.StepDueOn ?? a.TotalDueOn) < today),
                g.Count(a => (a.StepDueOn ?? a.TotalDueOn) is { } d && d >= today && d <= soon),
                g.Count(a => a.OfficialKin)))
            .ToList();

        var view = View ?? "open";
        var query = view switch
        {
            "all" => cases,
            "kin" => cases.Where(a => a.OfficialKin),
            "reviews" => cases.Where(a => a.State == ApplicationStates.Enrolled && a.ReviewDueOn != null && a.ReviewDueOn <= today.AddMonths(1)),
            _ => cases.Where(a => open.Contains(a.State)),
        };
        if (!string.IsNullOrEmpty(Township)) query = query.Where(a => a.TownshipCode == Township);
        var rows = await query
            .Join(db.Households.AsNoTracking(), a => a.HouseholdId, h => h.Id, (a, h) => new { a, h.HouseholdNo })
            .OrderBy(x => x.a.StepDueOn ?? x.a.ReviewDueOn).ThenBy(x => x.a.Id).Take(MaxRows).ToListAsync(ct);
        Rows = rows.Select(x =>
        {
            var deadline = view == "reviews" ? x.a.ReviewDueOn : x.a.CurrentDeadline;
            var final = Procedure.InForce(x.a.ProcedureSince).State(x.a.State).Final;
            var status = final && view != "reviews" ? "" : deadline < today ? "overdue" : deadline <= soon ? "due_soon" : "";
            return new CaseRow(x.a.Id, x.HouseholdNo, x.a.ApplicantName, x.a.Program, Procedure.InForce(x.a.ProcedureSince).State(x.a.State).Name,
                x.a.State, x.a.AppliedOn, final && view != "reviews" ? null : deadline, status, x.a.OfficialKin,
                regionNames.GetValueOrDefault(x.a.TownshipCode, x.a.TownshipCode));
        }).ToList();

        if (IsCountyApprover)
        {
            var county = User.FindFirst(Doudi.Web.Access.StaffPrincipal.RegionClaim)?.Value ?? "";
            Delegated = await db.ApprovalDelegations.AsNoTracking().Where(d => d.CountyCode == county).Select(d => d.Program).ToListAsync(ct);
        }
    }
}

public sealed record CaseRow(long Id, string HouseholdNo, string Applicant, string Program, string StepName, string State, DateOnly AppliedOn,
    DateOnly? Deadline, string Status, bool OfficialKin, string TownshipName);

public sealed record TownshipLoad(string Code, string Name, int Open, int Overdue, int DueSoon, int OfficialKin);
