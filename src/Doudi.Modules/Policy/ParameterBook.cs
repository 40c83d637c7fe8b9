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
}

/// <summary>A dated value for one scope. Urban and rural are equal unless the data splits them.</summary>
internal sealed record Entry(DateOnly From, decimal Urban, decimal Rural, string Reference, string Status, string File, int Line)
{
    public decimal For(Area area) => area == Area.Urban ? Urban : Rural;
}

/// <summary>All dated values of one parameter, one timeline per scope, each sorted by date.</summary>
internal sealed class ParameterSeries(ParameterDef def)
{
    public ParameterDef Def { get; } = def;
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

/// <summary>
/// The loaded parameters. A lookup goes county, city, area class, province: the first scope with a figure
/// in force on the date wins (a figure is in force from its date until the next entry of the same scope).
/// </summary>
public sealed class ParameterBook
{
    private readonly Dictionary<string, ParameterSeries> _series;

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
            var changed = new ParameterSeries(old.Def);
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
