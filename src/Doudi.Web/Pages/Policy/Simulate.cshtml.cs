using System.Globalization;
using System.Text.Json;
using Doudi.Eligibility.Recompute;
using Doudi.Kernel;
using Doudi.Persistence;
using Doudi.Policy;
using Doudi.Web.Access;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Doudi.Web.Pages.Policy;

/// <summary>
/// 政策模拟: the same run as <c>doudi policy simulate</c> (<see cref="SimulatePolicy"/>) over the registry of
/// the user's region, under the figures in force in this database, with the table per county and program
/// and a chart of the monthly cost difference. Nothing is stored but the audit record.
/// </summary>
public sealed class SimulateModel(DoudiDb db, EffectiveParameters parameters, TimeProvider clock) : PageModel
{
    [Microsoft.AspNetCore.Mvc.BindProperty]
    public string? Date { get; set; }

    /// <summary>One <c>NAME=VALUE</c> per line, as <c>--set</c> takes them.</summary>
    [Microsoft.AspNetCore.Mvc.BindProperty]
    public string? Sets { get; set; }

    public IReadOnlyList<string> Problems { get; private set; } = [];
    public SimulationReport? Report { get; private set; }
    public IReadOnlyList<ParameterDef> Known { get; } = [.. Parameters.ByName.Values.OrderBy(p => p.Name, StringComparer.Ordinal)];

    public void OnGet()
    {
        Date = ChinaTime.Today(clock).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Sets = "dibao.standard=+5%";
    }

    public async Task OnPostAsync(CancellationToken ct)
    {
        var problems = new List<string>();
        if (!DateOnly.TryParseExact(Date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            problems.Add($"评估日期应为 YYYY-MM-DD 格式的日期，而不是“{Date}”");
        var overrides = new List<ParameterOverride>();
        foreach (var line in (Sets ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var o = ParameterOverride.TryParse(line, out var error);
            if (o is null) problems.Add(ChineseError(line, error!));
            else if (overrides.Any(x => x.Parameter == o.Parameter)) problems.Add($"“{line}”：参数 {o.Parameter.Name} 调整了两次，请只保留一行");
            else overrides.Add(o);
        }
        if (overrides.Count == 0 && problems.Count == 0) problems.Add("请至少填写一项调整，例如 dibao.standard=+5%");
        if (problems.Count > 0)
        {
            Problems = problems;
            return;
        }
        try
        {
            Report = await new SimulatePolicy(await parameters.GetAsync(db, ct), clock).RunAsync(db, date, overrides,
                StaffPrincipal.UserName(User) ?? "unknown", CountyPrefix, HttpContext.Connection.RemoteIpAddress?.ToString() ?? "web", ct);
        }
        catch (NoStandardException e)
        {
            Problems = [$"评估日期 {Date} 没有适用的低保标准：{e.Message}"];
        }
    }

    /// <summary>The counties the user's region covers: a city's staff simulate their city, the province all of it.</summary>
    private string CountyPrefix
    {
        get
        {
            var prefix = StaffPrincipal.ScopePrefix(User);
            return prefix.Length > 6 ? prefix[..6] : prefix;
        }
    }

    private static string ChineseError(string line, string error)
    {
        var reason = error switch
        {
            _ when error.Contains("expected NAME=VALUE", StringComparison.Ordinal) => "应写作 参数名=数值，如 dibao.standard=1300 或 dibao.standard=+5%",
            _ when error.Contains("unknown parameter", StringComparison.Ordinal) => "参数名不存在（可用的参数见下方列表）",
            _ when error.Contains("whole number", StringComparison.Ordinal) && error.Contains("percentage", StringComparison.Ordinal) => "该参数为整数，请直接填写新数值，不能按百分比调整",
            _ when error.Contains("whole number", StringComparison.Ordinal) => "该参数应为整数",
            _ when error.Contains("100%", StringComparison.Ordinal) => "降幅不能达到或超过 100%",
            _ when error.Contains("area class", StringComparison.Ordinal) => "地区类别为 1 到 4",
            _ when error.Contains("a rate is", StringComparison.Ordinal) => "比例在 0 到 1 之间（20% 写作 0.20）",
            _ => "数值既不是数字，也不是 +5% 或 -5% 这样的百分比",
        };
        return $"“{line}”：{reason}";
    }

    public string CountyName(string code) =>
        RegionCatalog.Guangdong2022.FindCounty(code) is { } c ? c.CityName + c.Name : code;

    /// <summary>The chart's data: programs on the axis, one series per county, the monthly cost difference.</summary>
    public string ChartJson()
    {
        var report = Report!;
        var programs = Doudi.Eligibility.Programs.All.Where(p => !report.Total(p).IsEmpty).ToList();
        var counties = report.Lines.Keys.Select(k => k.County).Distinct().Order(StringComparer.Ordinal).Select(county => new
        {
            name = CountyName(county),
            values = programs.Select(p => report.Lines.TryGetValue((county, p), out var l) ? l.MonthlyCostDifference : 0m).ToList(),
        });
        return JsonSerializer.Serialize(new { programs = programs.Select(Doudi.Registry.Programs.ChineseName).ToList(), counties });
    }

    public static string WithSign(decimal d) => d.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture);
}
