using Doudi.Feeds;
using Doudi.Persistence;

namespace Doudi.Monitoring;

public sealed record RunMonitoring(MonitoringMonth Month, DateOnly RunDate, bool SqlEngine = false);

/// <summary>Matches the registry against every stored feed row and keeps the alerts (常态化数据比对).</summary>
public sealed class RunMonitoringHandler(DatabaseLocation location, FeedStore store, IWorkingDays workingDays)
{
    public async Task<IReadOnlyList<RuleCount>> Handle(RunMonitoring command, CancellationToken ct)
    {
        var parameters = MonitoringParameters.InForce(command.Month.Last);
        await using var db = location.Open();
        IMonitoringEngine engine = command.SqlEngine ? new SqlEngine() : new FeedEngine();
        var hits = await engine.FindAsync(db, store, command.Month, parameters, ct);
        return await new AlertBook(db, workingDays).ApplyAsync(hits, command.Month, command.RunDate, parameters, ct);
    }
}
