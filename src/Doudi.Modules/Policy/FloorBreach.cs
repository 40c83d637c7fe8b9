using Doudi.Kernel;

namespace Doudi.Policy;

/// <summary>
/// A city's or county's own figure of a floor parameter (低保标准) below the class or provincial figure in
/// force for one of its counties on some date: the same check for the shipped files and for administrators'
/// additions, each saying it in its own language.
/// </summary>
internal sealed record FloorBreach(ParameterDef Def, Scope Scope, Entry Own, DateOnly Date, string County, Entry Floor)
{
    /// <summary>Checked on every date either side changes, so a city figure left behind by a provincial rise is caught too; one breach per entry.</summary>
    public static List<FloorBreach> Find(Dictionary<string, ParameterSeries> all, RegionCatalog regions)
    {
        var breaches = new List<FloorBreach>();
        var book = new ParameterBook(all, regions);
        foreach (var series in all.Values.Where(s => s.Def.IsFloor))
        {
            var dates = series.Timelines.Values.SelectMany(t => t).Select(e => e.From)
                .Concat(all.TryGetValue(Parameters.AreaClass.Name, out var classes) ? classes.Timelines.Values.SelectMany(t => t).Select(e => e.From) : [])
                .Distinct().Order().ToList();
            var reported = new HashSet<Entry>();
            foreach (var (scope, timeline) in series.Timelines)
            {
                if (scope.Kind is not (ScopeKind.City or ScopeKind.County)) continue;
                var counties = scope.Kind == ScopeKind.County
                    ? [scope.Code]
                    : regions.Counties.Where(c => c.CityCode == scope.Code).Select(c => c.Code).ToList();
                foreach (var date in dates.Where(d => d >= timeline[0].From))
                {
                    var own = series.InForce(scope, date)!;
                    foreach (var county in counties)
                    {
                        var floor = book.FindBelowCity(series, county, date);
                        if (floor is null || (own.Urban >= floor.Urban && own.Rural >= floor.Rural) || !reported.Add(own)) continue;
                        breaches.Add(new FloorBreach(series.Def, scope, own, date, county, floor));
                    }
                }
            }
        }
        return breaches;
    }
}
