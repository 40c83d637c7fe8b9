using Doudi.Oversight;
using Doudi.Persistence;
using Doudi.Policy;

namespace Doudi.Eligibility.Recompute;

/// <summary>The difference a change of figures makes for one program in one county.</summary>
public sealed class SimulationLine
{
    public long HouseholdsGaining { get; set; }
    public long HouseholdsLosing { get; set; }
    public long HouseholdsChanging { get; set; }
    public long PeopleGaining { get; set; }
    public long PeopleLosing { get; set; }

    /// <summary>Monthly cost under the changed figures minus under the figures in force (yuan).</summary>
    public decimal MonthlyCostDifference { get; set; }

    public bool IsEmpty => HouseholdsGaining == 0 && HouseholdsLosing == 0 && HouseholdsChanging == 0 && PeopleGaining == 0
        && PeopleLosing == 0 && MonthlyCostDifference == 0;

    public void Add(SimulationLine o)
    {
        HouseholdsGaining += o.HouseholdsGaining;
        HouseholdsLosing += o.HouseholdsLosing;
        HouseholdsChanging += o.HouseholdsChanging;
        PeopleGaining += o.PeopleGaining;
        PeopleLosing += o.PeopleLosing;
        MonthlyCostDifference += o.MonthlyCostDifference;
    }
}

public sealed record SimulationReport(
    DateOnly Date, IReadOnlyList<ParameterOverride> Overrides, long Evaluated, long Incomplete,
    SortedDictionary<(string County, string Program), SimulationLine> Lines, TimeSpan EvaluationTime)
{
    public SimulationLine Total(string? program = null)
    {
        var t = new SimulationLine();
        foreach (var (key, line) in Lines)
        {
            if (program is null || key.Program == program) t.Add(line);
        }
        return t;
    }
}

/// <summary>
/// <c>policy simulate</c>: every complete household of the registry is evaluated twice, under the figures in
/// force and under the changed ones, and the nine determinations are compared (households and people
/// gaining, losing or changing amount, and the monthly cost difference) per county and program. Nothing is
/// stored but an audit record.
/// </summary>
public sealed class SimulatePolicy(ParameterBook book, TimeProvider clock)
{
    public Task<SimulationReport> RunAsync(DoudiDb db, DateOnly date, IReadOnlyList<ParameterOverride> overrides, string actor, CancellationToken ct = default) =>
        RunAsync(db, date, overrides, actor, "", "command line", ct);

    /// <param name="countyPrefix">Only counties whose code starts with it (a city's staff see their city; "" = all).</param>
    /// <param name="from">Where the run was asked from, for the audit record.</param>
    public async Task<SimulationReport> RunAsync(DoudiDb db, DateOnly date, IReadOnlyList<ParameterOverride> overrides, string actor,
        string countyPrefix, string from, CancellationToken ct = default)
    {
        var baseFigures = new FigureCache(book);
        var baseEngine = new EligibilityEngine(baseFigures);
        var changedEngine = new EligibilityEngine(book.With(overrides));
        var lines = new SortedDictionary<(string, string), SimulationLine>();
        long evaluated = 0, incomplete = 0;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await foreach (var batch in RegistrySituations.ReadAsync(db, RecomputeRegistry.BatchSize, ct))
        {
            var results = new (Evaluation Before, Evaluation After)?[batch.Count];
            try
            {
                Parallel.For(0, batch.Count, new ParallelOptions { CancellationToken = ct }, i =>
                {
                    if (!batch[i].County.StartsWith(countyPrefix, StringComparison.Ordinal)) return;
                    var built = RegistrySituations.Build(batch[i], date, baseFigures);
                    if (built.Situation is null) return;
                    results[i] = (RecomputeRegistry.Evaluate(baseEngine, built.Situation, explain: false),
                        RecomputeRegistry.Evaluate(changedEngine, built.Situation, explain: false));
                });
            }
            catch (AggregateException e) when (e.InnerExceptions.OfType<NoStandardException>().FirstOrDefault() is { } first)
            {
                throw first;
            }
            for (var i = 0; i < batch.Count; i++)
            {
                if (!batch[i].County.StartsWith(countyPrefix, StringComparison.Ordinal)) continue;
                if (results[i] is not { } r)
                {
                    incomplete++;
                    continue;
                }
                evaluated++;
                foreach (var program in Programs.All)
                {
                    var before = r.Before[program];
                    var after = r.After[program];
                    if (!before.Eligible && !after.Eligible) continue;
                    var key = (batch[i].County, program);
                    if (!lines.TryGetValue(key, out var line)) lines[key] = line = new SimulationLine();
                    if (!before.Eligible) line.HouseholdsGaining++;
                    else if (!after.Eligible) line.HouseholdsLosing++;
                    else if (before.MonthlyAmount != after.MonthlyAmount) line.HouseholdsChanging++;
                    line.PeopleGaining += after.Members.Count(m => !before.Members.Contains(m));
                    line.PeopleLosing += before.Members.Count(m => !after.Members.Contains(m));
                    line.MonthlyCostDifference += after.MonthlyAmount - before.MonthlyAmount;
                }
            }
        }
        foreach (var key in lines.Where(kv => kv.Value.IsEmpty).Select(kv => kv.Key).ToList()) lines.Remove(key);
        var report = new SimulationReport(date, overrides, evaluated, incomplete, lines, watch.Elapsed);
        var total = report.Total();
        await new AuditTrail(clock).AppendAsync(db, new AuditEntry(actor, AuditActions.PolicySimulate, "registry",
            string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"date {date.Iso()}; counties {(countyPrefix.Length == 0 ? "all" : countyPrefix + "*")}; {string.Join(", ", overrides.Select(o => o.Text))}; evaluated {evaluated}, incomplete {incomplete}; "
                + $"households gaining {total.HouseholdsGaining}, losing {total.HouseholdsLosing}; monthly cost difference {total.MonthlyCostDifference:0.00}"),
            from), ct);
        return report;
    }
}
