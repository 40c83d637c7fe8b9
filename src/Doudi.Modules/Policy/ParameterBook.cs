using Doudi.Kernel;

namespace Doudi.Policy;

/// <summary>One figure as a decision used it: what an audit replays.</summary>
public sealed record Figure(string Name, decimal Value, DateOnly EffectiveFrom, string Reference, string Status);

internal enum ScopeKind
{
    Province,
    Class,
    City,
    County,
}

internal readonly record struct Scope(ScopeKind Kind, string Code)
{
    public static readonly Scope Province = new(ScopeKind.Province, "");

    public override string ToString() => Kind switch
    {
        ScopeKind.Province => "province",
        ScopeKind.Class => "class_" + Code,
        ScopeKind.City => "city " + Code,
        _ => "county " + Code,
    };

    /// <summary>The scope as the administrators' page and its messages name it.</summary>
    public string ChineseName(RegionCatalog regions) => Kind switch
    {
        ScopeKind.Province => "全省",
        ScopeKind.Class => "第" + Code + "类地区",
        ScopeKind.City => (regions.CityName(Code) ?? "市") + "（" + Code + "）",
        _ => regions.FindCounty(Code) is { } c ? c.CityName + c.Name + "（" + Code + "）" : "县区（" + Code + "）",
    };

    /// <summary>How a stored addition names its scope: province, class, city or county, and a code.</summary>
    public (string Kind, string Code) Stored => (Kind.ToString().ToLowerInvariant(), Code);
}

/// <summary>
/// A dated value for one scope. Urban and rural are equal unless the data splits them. It comes from a
/// shipped file (<see cref="File"/>:<see cref="Line"/>) or from an administrator's addition in the database
/// (<see cref="Addition"/>).
/// </summary>
internal sealed record Entry(DateOnly From, decimal Urban, decimal Rural, string Reference, string Status, string File, int Line)
{
    public ParameterAddition? Addition { get; init; }

    public decimal For(Area area) => area == Area.Urban ? Urban : Rural;

    public string Origin => Addition is { } a
        ? "管理员新增 #" + a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : File + ":" + Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>All dated values of one parameter, one timeline per scope, each sorted by date.</summary>
internal sealed class ParameterSeries(ParameterDef def)
{
    public ParameterDef Def { get; } = def;

    /// <summary>The file's <c>description</c> (Chinese, with the unit), shown to administrators.</summary>
    public string? Description { get; set; }
    public Dictionary<Scope, List<Entry>> Timelines { get; } = [];

    public Entry? InForce(Scope scope, DateOnly date)
    {
        if (!Timelines.TryGetValue(scope, out var timeline)) return null;
        Entry? found = null;
        foreach (var entry in timeline)
        {
            if (entry.From > date) break;
            found = entry;
        }
        return found;
    }
}

/// <summary>One dated value as a list shows it: where it applies, from when, and where it comes from.</summary>
public sealed record ParameterValue(ParameterDef Def, string ScopeKind, string ScopeCode, string ScopeName, DateOnly From, decimal Urban, decimal Rural,
    string Reference, string Status, string Origin, ParameterAddition? Addition);

/// <summary>
/// The loaded parameters. A lookup goes county, city, area class, province: the first scope with a figure
/// in force on the date wins (a figure is in force from its date until the next entry of the same scope).
/// </summary>
public sealed class ParameterBook
{
    private readonly Dictionary<string, ParameterSeries> _series;

    internal IReadOnlyDictionary<string, ParameterSeries> Series => _series;

    internal ParameterBook(Dictionary<string, ParameterSeries> series, RegionCatalog regions)
    {
        _series = series;
        Regions = regions;
    }

    private static readonly Lazy<ParameterBook> ShippedBook = new(ParameterLoader.LoadShipped);

    /// <summary>The figures shipped in <c>policy/parameters</c>, embedded in this assembly.</summary>
    public static ParameterBook Shipped => ShippedBook.Value;

    public RegionCatalog Regions { get; }

    /// <summary>
    /// This book with changed figures, for a simulation: every dated entry of every scope of an overridden
    /// parameter is changed, so whatever date is asked, the figure in force is the changed one. The entries
    /// keep their dates and say in their reference that they are simulated.
    /// </summary>
    public ParameterBook With(IEnumerable<ParameterOverride> overrides)
    {
        var series = new Dictionary<string, ParameterSeries>(_series, StringComparer.Ordinal);
        foreach (var o in overrides)
        {
            if (!series.TryGetValue(o.Parameter.Name, out var old)) continue;
            var changed = new ParameterSeries(old.Def) { Description = old.Description };
            foreach (var (scope, timeline) in old.Timelines)
            {
                changed.Timelines[scope] = [.. timeline.Select(e => e with
                {
                    Urban = o.Apply(e.Urban),
                    Rural = o.Apply(e.Rural),
                    Reference = "模拟 (simulation) " + o.Text + "; " + e.Reference,
                    Status = "simulation",
                })];
            }
            series[o.Parameter.Name] = changed;
        }
        return new ParameterBook(series, Regions);
    }

    /// <summary>The parameter's description from its file (e.g. 低保标准 (元/人/月)), or null.</summary>
    public string? Description(ParameterDef parameter) => _series.GetValueOrDefault(parameter.Name)?.Description;

    /// <summary>Every dated value of every parameter, by name, scope and date: what the administrators' page lists.</summary>
    public IEnumerable<ParameterValue> Values() =>
        from series in _series.Values
        from kv in series.Timelines
        from e in kv.Value
        orderby series.Def.Name, kv.Key.Kind, kv.Key.Code, e.From
        select new ParameterValue(series.Def, kv.Key.Stored.Kind, kv.Key.Code, kv.Key.ChineseName(Regions), e.From, e.Urban, e.Rural,
            e.Reference, e.Status, e.Origin, e.Addition);

    public Figure? Get(ParameterDef parameter, string county, Area area, DateOnly date)
    {
        var entry = Find(parameter, county, date);
        return entry is null ? null : new Figure(parameter.Name, entry.For(area), entry.From, entry.Reference, entry.Status);
    }

    internal Entry? Find(ParameterDef parameter, string county, DateOnly date)
    {
        if (!_series.TryGetValue(parameter.Name, out var series)) return null;
        var found = series.InForce(new Scope(ScopeKind.County, county), date);
        if (found is not null) return found;
        var city = Regions.FindCounty(county)?.CityCode;
        if (city is not null)
        {
            found = series.InForce(new Scope(ScopeKind.City, city), date);
            if (found is not null) return found;
        }
        return FindBelowCity(series, county, date);
    }

    /// <summary>The class or provincial figure: the floor a city's own figure may not go under.</summary>
    internal Entry? FindBelowCity(ParameterSeries series, string county, DateOnly date)
    {
        if (series.Def != Parameters.AreaClass)
        {
            var areaClass = Find(Parameters.AreaClass, county, date);
            if (areaClass is not null)
            {
                var code = ((int)areaClass.Urban).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var found = series.InForce(new Scope(ScopeKind.Class, code), date);
                if (found is not null) return found;
            }
        }
        return series.InForce(Scope.Province, date);
    }
}
