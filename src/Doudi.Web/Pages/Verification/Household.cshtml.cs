using System.Globalization;
using Doudi.Feeds;
using Doudi.Kernel;
using Doudi.Oversight;
using Doudi.Persistence;
using Doudi.Policy;
using Doudi.Registry.ViewHousehold;
using Doudi.Verification;
using Doudi.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Web.Pages.Verification;

/// <summary>
/// 家庭经济状况核对: what the department feeds say about a household's members on a date, and the asset tests.
/// Region-scoped through the request's database; every view and every refusal is audited.
/// </summary>
public sealed class HouseholdModel(DoudiDb db, RequestAudit audit, TimeProvider clock, FeedStore store, EffectiveParameters figures) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Date { get; set; }

    /// <summary>Show the snapshot stored with this application instead of verifying again.</summary>
    [BindProperty(SupportsGet = true)]
    public long? FromApplication { get; set; }

    public VerificationReport Report { get; private set; } = null!;
    public bool Stored { get; private set; }
    public string? DateProblem { get; private set; }
    public string CountyName { get; private set; } = "";
    public string TownshipName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(long householdId, CancellationToken ct)
    {
        var on = ChinaTime.Today(clock);
        if (!string.IsNullOrWhiteSpace(Date))
        {
            if (DateOnly.TryParseExact(Date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asked)) on = asked;
            else DateProblem = $"核对日期“{Date}”格式不对，应为 YYYY-MM-DD（如 2024-05-31），已按今天核对。";
        }
        var subject = AuditActions.HouseholdSubject(householdId);
        VerificationReport? report;
        if (FromApplication is { } applicationId)
        {
            // The application is scoped like its household: another region's case finds nothing.
            var snapshot = await db.Applications.AsNoTracking().Where(a => a.Id == applicationId && a.HouseholdId == householdId)
                .Select(a => a.VerificationReport).FirstOrDefaultAsync(ct);
            report = snapshot is null ? null : VerificationReport.FromJson(snapshot);
            Stored = report is not null;
            if (report is not null) on = report.Date;
        }
        else report = await new VerifyHouseholdHandler(store, await figures.GetAsync(db, ct), clock).Handle(db, new VerifyHousehold(householdId, on), ct);
        if (report is null)
        {
            var why = await HouseholdDetailsQuery.ExplainRefusalAsync(db, householdId, ct);
            await audit.AppendAsync(AuditActions.HouseholdVerificationRefused, subject,
                why == Refusal.OutsideScope ? "不在账号辖区内" : "无此家庭", ct: ct);
            return NotFound();
        }
        await audit.AppendAsync(AuditActions.HouseholdVerificationView, subject,
            $"household_no={report.HouseholdNo}; date={Iso(on)}; overall={report.Overall}" + (Stored ? $"; stored with application {FromApplication}" : ""), ct: ct);
        Report = report;
        Date = Iso(on);
        var names = await db.Regions.AsNoTracking().Where(r => r.Code == report.TownshipCode || r.Code == report.CountyCode)
            .ToDictionaryAsync(r => r.Code, r => r.Name, ct);
        CountyName = RegionCatalog.Guangdong2022.FindCounty(report.CountyCode)?.Name ?? names.GetValueOrDefault(report.CountyCode) ?? report.CountyCode;
        TownshipName = names.GetValueOrDefault(report.TownshipCode) ?? report.TownshipCode;
        return Page();
    }

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Mask(string idNumber) => Alerts.AlertRow.Mask(idNumber);

    /// <summary>Feed keys and texts can quote ID numbers (property keys, officials'): masked like the rest.</summary>
    public static string MaskIds(string text) => Alerts.AlertRow.MaskIds(text);

    public static string VerdictClass(Verdict v) => v switch { Verdict.Pass => "ok", Verdict.Fail => "error", _ => "warning" };
}
