using System.Threading.Channels;
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
        // The alerts are written on a connection of their own while the engine finds more hits.
        var parts = Channel.CreateUnbounded<IReadOnlyList<Hit>>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        await using var alertDb = location.Open();
        var writing = Task.Run(() => new AlertBook(alertDb, workingDays).ApplyAsync(parts.Reader, command.Month, command.RunDate, parameters, ct), ct);
        try
        {
            await engine.FindAsync(db, store, command.Month, parameters, hits => parts.Writer.TryWrite(hits), ct, progress);
            parts.Writer.Complete();
        }
        catch (Exception e)
        {
            // The writer rolls back; the engine's exception is the one to report.
            parts.Writer.Complete(e);
            await writing.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }
        progress?.Report(new ImportProgress("alerts", 0));
        return await writing;
    }
}
