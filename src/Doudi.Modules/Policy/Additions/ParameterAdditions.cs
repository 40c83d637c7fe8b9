using System.Globalization;

namespace Doudi.Policy;

/// <summary>What is wrong with an addition: the form field it concerns and the reason, in Chinese.</summary>
public sealed record AdditionProblem(string Field, string Message)
{
    public override string ToString() => Message;
}

/// <summary>The book with the additions, or why they cannot join it (then <see cref="Book"/> is null).</summary>
public sealed record AdditionOutcome(ParameterBook? Book, IReadOnlyList<AdditionProblem> Problems);

/// <summary>
/// Joins administrators' additions to a book (the shipped files), by the loader's rules: a known parameter
/// in its own unit, a known region, a value of the right kind, a reference and a status, one value per scope
/// and date (across files and additions), and no city or county 低保 standard below the class or provincial
/// figure on any date. The book given is not changed.
/// </summary>
public static class ParameterAdditions
{
    public static AdditionOutcome Apply(ParameterBook baseBook, IEnumerable<ParameterAddition> additions)
    {
        var regions = baseBook.Regions;
        var series = baseBook.Series.ToDictionary(kv => kv.Key, kv => Copy(kv.Value), StringComparer.Ordinal);
        var problems = new List<AdditionProblem>();
        foreach (var a in additions)
        {
            var before = problems.Count;
            var label = Label(a);
            void Problem(string field, string message) => problems.Add(new AdditionProblem(field, label + message));

            if (!Parameters.ByName.TryGetValue(a.Name, out var def))
            {
                Problem("name", "参数不存在，请从列表中选择");
                continue;
            }
            if (a.Unit != def.Unit) Problem("unit", $"单位“{a.Unit}”与该参数的单位“{def.Unit}”（{Units.ChineseName(def.Unit)}）不符");
            var scope = ScopeOf(a, regions, Problem);
            CheckValue(def, a.Value, "value", Problem);
            if (a.RuralValue is { } rural) CheckValue(def, rural, "rural_value", Problem);
            if (string.IsNullOrWhiteSpace(a.Reference)) Problem("reference", "请填写依据（文号），它会随每个使用该数值的决定一起打印");
            if (a.Status is not ("confirmed" or "default")) Problem("status", "状态应为“已确认”（confirmed）或“待确认”（default）");
            if (scope is null || problems.Count > before) continue;

            if (!series.TryGetValue(def.Name, out var s)) series[def.Name] = s = new ParameterSeries(def);
            if (!s.Timelines.TryGetValue(scope.Value, out var timeline)) s.Timelines[scope.Value] = timeline = [];
            if (timeline.FirstOrDefault(e => e.From == a.EffectiveFrom) is { } clash)
            {
                Problem("effective_from", $"{scope.Value.ChineseName(regions)}自 {Iso(a.EffectiveFrom)} 起已有数值 {Number(clash.Urban)}（来源：{clash.Origin}），同一范围同一日期只能有一个数值；请换一个生效日期");
                continue;
            }
            var entry = new Entry(a.EffectiveFrom, a.Value, a.RuralValue ?? a.Value, a.Reference.Trim(), a.Status, "", 0) { Addition = a };
            var index = timeline.FindIndex(e => e.From > a.EffectiveFrom);
            if (index < 0) timeline.Add(entry); else timeline.Insert(index, entry);
        }
        if (problems.Count > 0) return new AdditionOutcome(null, problems);

        foreach (var b in FloorBreach.Find(series, regions))
        {
            var county = regions.FindCounty(b.County) is { } c ? c.CityName + c.Name + "（" + b.County + "）" : b.County;
            var who = b.Own.Addition is { } own ? Label(own) : $"{b.Def.Name}，{b.Scope.ChineseName(regions)}，{Iso(b.Own.From)}（{b.Own.Origin}）：";
            problems.Add(new AdditionProblem("value",
                $"{who}数值 {Number(b.Own.Urban)}{(b.Own.Rural != b.Own.Urban ? "/" + Number(b.Own.Rural) : "")} 低于 {county} 在 {Iso(b.Date)} 适用的全省（地区类别）最低标准 "
                + $"{Number(b.Floor.Urban)}{(b.Floor.Rural != b.Floor.Urban ? "/" + Number(b.Floor.Rural) : "")}（来源：{b.Floor.Origin}），市县标准不得低于省定最低标准"));
        }
        return problems.Count > 0 ? new AdditionOutcome(null, problems) : new AdditionOutcome(new ParameterBook(series, regions), []);
    }

    private static string Label(ParameterAddition a) => $"{a.Name}，{ScopeLabel(a)}，{Iso(a.EffectiveFrom)}：";

    private static string ScopeLabel(ParameterAddition a) => a.ScopeKind switch
    {
        ScopeKinds.Province => "全省",
        ScopeKinds.Class => "第" + a.ScopeCode + "类地区",
        _ => ScopeKinds.ChineseName(a.ScopeKind) + " " + a.ScopeCode,
    };

    private static Scope? ScopeOf(ParameterAddition a, Kernel.RegionCatalog regions, Action<string, string> problem)
    {
        var code = a.ScopeCode.Trim();
        switch (a.ScopeKind)
        {
            case ScopeKinds.Province:
                return Scope.Province;
            case ScopeKinds.Class when code is "1" or "2" or "3" or "4":
                return new Scope(ScopeKind.Class, code);
            case ScopeKinds.Class:
                problem("scope_code", $"地区类别应为 1 到 4，而不是“{code}”");
                return null;
            case ScopeKinds.City when regions.Counties.Any(c => c.CityCode == code):
                return new Scope(ScopeKind.City, code);
            case ScopeKinds.City:
                problem("scope_code", $"未知的地级市代码“{code}”（应为 6 位代码，如广州市 440100）");
                return null;
            case ScopeKinds.County when regions.IsCounty(code):
                return new Scope(ScopeKind.County, code);
            case ScopeKinds.County:
                problem("scope_code", $"未知的县（市、区）代码“{code}”（应为 6 位代码，如增城区 440118）");
                return null;
            default:
                problem("scope_kind", "适用范围应为全省、地区类别、地级市或县（市、区）");
                return null;
        }
    }

    private static void CheckValue(ParameterDef def, decimal value, string field, Action<string, string> problem)
    {
        var which = field == "value" ? "数值" : "农村数值";
        if (value < 0) problem(field, $"{which}不能为负数");
        else if (Units.IsInteger(def.Unit) && value != decimal.Truncate(value)) problem(field, $"{which}应为整数（{Units.ChineseName(def.Unit)}）");
        else if (def.Unit == Units.Class && value is < 1 or > 4) problem(field, $"{which}：地区类别为 1 到 4");
        else if (def.Unit == Units.Rate && value > 1) problem(field, $"{which}：比例在 0 到 1 之间（20% 写作 0.20）");
    }

    private static ParameterSeries Copy(ParameterSeries s)
    {
        var copy = new ParameterSeries(s.Def) { Description = s.Description };
        foreach (var (scope, timeline) in s.Timelines) copy.Timelines[scope] = [.. timeline];
        return copy;
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // Without trailing zeros: SQLite gives 1300 back as 1300.0.
    internal static string Number(decimal d) => d.ToString("0.############", CultureInfo.InvariantCulture);
}
