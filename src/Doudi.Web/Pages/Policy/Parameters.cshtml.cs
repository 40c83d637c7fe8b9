using System.Globalization;
using Doudi.Persistence;
using Doudi.Policy;
using Doudi.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Doudi.Web.Pages.Policy;

/// <summary>
/// 政策参数: every parameter with its dated values per scope (shipped or added, with reference and status),
/// and the form an administrator adds a dated value or a city/county figure with. The checks are the
/// loader's (<see cref="AddParameterValueHandler"/>); this page only reads the form and shows the answer.
/// </summary>
public sealed class ParametersModel(DoudiDb db, EffectiveParameters parameters, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Name { get; set; } = Parameters.DibaoStandard.Name;

    [BindProperty(SupportsGet = true)]
    public long? Added { get; set; }

    [BindProperty] public string ScopeKind { get; set; } = ScopeKinds.City;
    [BindProperty] public string? ScopeCode { get; set; }
    [BindProperty] public string? EffectiveFrom { get; set; }
    [BindProperty] public string? Value { get; set; }
    [BindProperty] public string? RuralValue { get; set; }
    [BindProperty] public string? Unit { get; set; }
    [BindProperty] public string? Reference { get; set; }
    [BindProperty] public string Status { get; set; } = "confirmed";

    public ParameterDef Def { get; private set; } = Parameters.DibaoStandard;
    public string? Description { get; private set; }
    public IReadOnlyList<ParameterValue> Values { get; private set; } = [];
    public IReadOnlyList<(ParameterDef Def, string? Description, int Count, int Added)> All { get; private set; } = [];
    public IReadOnlyList<AdditionProblem> Problems { get; private set; } = [];

    public IEnumerable<AdditionProblem> ProblemsOf(string field) => Problems.Where(p => p.Field == field);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Parameters.ByName.ContainsKey(Name)) return NotFound();
        await LoadAsync(ct);
        Unit ??= Def.Unit;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var problems = new List<AdditionProblem>();
        var date = default(DateOnly);
        if (!DateOnly.TryParseExact(EffectiveFrom?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            problems.Add(new("effective_from", $"生效日期应为 YYYY-MM-DD 格式的日期，而不是“{EffectiveFrom}”"));
        var value = Number(Value, "value", "数值", problems, required: true);
        var rural = Number(RuralValue, "rural_value", "农村数值", problems, required: false);
        if (problems.Count == 0)
        {
            var command = new AddParameterValue(Name, ScopeKind, ScopeCode ?? "", date, value!.Value, rural, Unit ?? "", Reference ?? "", Status,
                StaffPrincipal.UserName(User) ?? "unknown");
            var outcome = await new AddParameterValueHandler(parameters, clock)
                .HandleAsync(db, command, HttpContext.Connection.RemoteIpAddress?.ToString(), ct);
            if (outcome.Saved is { } saved) return RedirectToPage(new { Name = saved.Name, Added = saved.Id });
            problems.AddRange(outcome.Problems);
        }
        Problems = problems;
        Added = null;
        if (!Parameters.ByName.ContainsKey(Name)) Name = Parameters.DibaoStandard.Name;
        await LoadAsync(ct);
        return Page();
    }

    private static decimal? Number(string? text, string field, string label, List<AdditionProblem> problems, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required) problems.Add(new(field, $"请填写{label}"));
            return null;
        }
        if (decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)) return v;
        problems.Add(new(field, $"{label}“{text}”不是数字（例如 1300 或 0.20）"));
        return null;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var book = await parameters.GetAsync(db, ct);
        Def = Parameters.ByName[Name];
        Description = book.Description(Def);
        var values = book.Values().ToList();
        Values = [.. values.Where(v => v.Def == Def)];
        All = [.. Parameters.ByName.Values.OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => (p, book.Description(p), values.Count(v => v.Def == p), values.Count(v => v.Def == p && v.Addition is not null)))];
    }

    public static string Number(decimal d) => d.ToString("0.############", CultureInfo.InvariantCulture);

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string StatusName(string status) => status switch
    {
        "confirmed" => "已确认",
        "default" => "待确认",
        _ => status,
    };
}
