using System.Globalization;
using Doudi.Monitoring.Discover;
using Doudi.Oversight;
using Doudi.Persistence;
using Doudi.Web.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Doudi.Web.Pages.Monitoring;

/// <summary>
/// 政策找人: households in the user's region likely eligible for a program they are not enrolled in, ranked
/// (see <see cref="DiscoverCandidatesHandler"/>), each with one action: start an application. Viewing and
/// exporting are audited; ID numbers are masked on the page and in the file.
/// </summary>
public sealed class DiscoverModel(DoudiDb db, RequestAudit audit, TimeProvider clock) : PageModel
{
    /// <summary>Only the rows for this program (a contract code), if given.</summary>
    [BindProperty(SupportsGet = true)] public string? Program { get; set; }

    /// <summary>Only the rows in this county (code), if given.</summary>
    [BindProperty(SupportsGet = true)] public string? County { get; set; }

    [BindProperty(Name = Pager.Parameter, SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    /// <summary>The page shown (on the page) or the whole list (in the export).</summary>
    public IReadOnlyList<Candidate> Candidates { get; private set; } = [];

    /// <summary>The list's rows, its pages and the filters' values (see <see cref="DiscoverResult"/>).</summary>
    public DiscoverResult Result { get; private set; } = null!;
    public DateOnly Today { get; private set; }

    /// <summary>The newest recompute run (null: none yet, only alerts are listed).</summary>
    public RecomputeRun? LatestRun { get; private set; }

    /// <summary>The assessment dates of the runs the engine signals come from, newest first.</summary>
    public IReadOnlyList<DateOnly> EngineDates { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(PageNumber, ct);
        await audit.AppendAsync(AuditActions.DiscoverView, "discover", string.Create(CultureInfo.InvariantCulture,
            $"program={Program ?? "all"}; county={County ?? "all"}; page={Result.Page} of {Result.PageCount}; rows={Candidates.Count} of {Result.Total}"), ct: ct);
    }

    /// <summary>The whole list (all pages, the filters applied) as .xlsx.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        await LoadAsync(null, ct);
        var rows = Candidates.Select((c, i) => new Dictionary<string, object?>
        {
            ["排序"] = i + 1,
            ["户编号"] = Cell(c.HouseholdNo),
            ["县区"] = Doudi.Web.Pages.Eligibility.ChangesModel.CountyName(c.County),
            ["县区代码"] = c.County,
            ["乡镇街道"] = TownshipName(c.Township),
            ["乡镇街道代码"] = c.Township,
            ["现救助类别"] = Doudi.Registry.Programs.ChineseName(c.CurrentProgram),
            ["可能符合"] = Doudi.Registry.Programs.ChineseName(c.Program),
            ["项目代码"] = c.Program,
            ["得分"] = c.Score,
            ["试算月金额"] = c.MonthlyAmount,
            ["核算日期"] = c.EngineDate is { } d ? Iso(d) : "",
            ["相关人员身份证号"] = string.Join("；", c.IdNumbers.Select(Mask)),
            ["依据"] = Cell(string.Join("；", c.Signals)),
        }).ToList();
        using var buffer = new MemoryStream();
        await buffer.SaveAsAsync(rows, sheetName: "政策找人", cancellationToken: ct);
        await audit.AppendAsync(AuditActions.DiscoverExport, "discover", string.Create(CultureInfo.InvariantCulture,
            $"program={Program ?? "all"}; county={County ?? "all"}; rows={Candidates.Count}"), ct: ct);
        return File(buffer.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            $"政策找人-{Today.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}.xlsx");
    }

    private async Task LoadAsync(int? page, CancellationToken ct)
    {
        Today = ChinaTime.Today(clock);
        Result = await new DiscoverCandidatesHandler().Handle(db, new DiscoverCandidates(page, Program: Program, County: County), ct);
        (Candidates, LatestRun, EngineDates) = (Result.Candidates, Result.LatestRun, Result.EngineDates);
        var townships = Candidates.Select(c => c.Township).Distinct().ToList();
        _townshipNames = await db.Regions.AsNoTracking().Where(r => townships.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
    }

    private Dictionary<string, string> _townshipNames = [];

    /// <summary>A township's name from the region list (its code when the list does not have it).</summary>
    public string TownshipName(string code) => _townshipNames.GetValueOrDefault(code) ?? code;

    /// <summary>The rank of the <paramref name="index"/>-th row of the page in the whole list.</summary>
    public int Rank(int index) => (Result.Page - 1) * Result.PageSize + index + 1;

    /// <summary>The export link: the same filters, every page.</summary>
    public string ExportUrl() => "/Monitoring/Discover" + QueryString.Create([
        new("handler", "Export"), .. Filter("program", Program), .. Filter("county", County)]).ToUriComponent();

    private static IEnumerable<KeyValuePair<string, string?>> Filter(string name, string? value) =>
        string.IsNullOrEmpty(value) ? [] : [new(name, value)];

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>When a run ran, in Beijing time.</summary>
    public static string At(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Mask(string idNumber) => Alerts.AlertRow.Mask(idNumber);

    /// <summary>The one action of a row: the application form of the applications module, prefilled.</summary>
    public static string ApplyUrl(Candidate c) =>
        string.Create(CultureInfo.InvariantCulture, $"/Applications/New?householdId={c.HouseholdId}&program={Uri.EscapeDataString(c.Program)}");

    private static string Cell(string text) => Doudi.Imports.SpreadsheetCell.Text(text);
}
