using Doudi.Feeds;
using Doudi.Persistence;
using Doudi.Registry.Import;

namespace Doudi.Monitoring;

public sealed record RunMonitoring(MonitoringMonth Month, DateOnly RunDate, bool SqlEngine = false);

/// <summary>Matches the registry against every stored feed row and keeps the alerts (常态化数据比对).</summary>
public sealed class RunMonitoringHandler(DatabaseLocation location, FeedStore store, IWorkingDays workingDays)
{
    /// <param name="progress">Told when each phase starts (the registry, each feed, the rules, the alerts).</param>
    public async Task<IReadOnlyList<RuleCount>> Handle(RunMonitoring command, CancellationToken ct, IProgress<ImportProgress>? progress = null)
    {
        var parameters = MonitoringParameters.InForce(command.Month.Last);
        await using var db = location.Open();
        IMonitoringEngine engine = command.SqlEngine ? new SqlEngine() : new FeedEngine();
        var hits = await engine.FindAsync(db, store, command.Month, parameters, ct, progress);
        progress?.Report(new ImportProgress("alerts", 0, hits.Count));
        return await new AlertBook(db, workingDays).ApplyAsync(hits, command.Month, command.RunDate, parameters, ct);
    }
}
