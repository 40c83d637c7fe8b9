using Doudi.Feeds;
using Doudi.Persistence;
using Doudi.Registry.Import;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Monitoring;

/// <summary>Finds the hits of a month: the main engine or the SQL baseline.</summary>
public interface IMonitoringEngine
{
    Task<IReadOnlyList<Hit>> FindAsync(DoudiDb db, FeedStore store, MonitoringMonth month, MonitoringParameters parameters, CancellationToken ct,
        IProgress<ImportProgress>? progress = null);
}

/// <summary>
/// The main engine: DuckDB picks the current feed rows about registry people (a join it does in columnar
/// memory, bounded by its memory limit), then <see cref="RuleBook"/> applies the rules in memory.
/// </summary>
public sealed class FeedEngine : IMonitoringEngine
{
    public async Task<IReadOnlyList<Hit>> FindAsync(DoudiDb db, FeedStore store, MonitoringMonth month, MonitoringParameters parameters, CancellationToken ct,
        IProgress<ImportProgress>? progress = null)
    {
        progress?.Report(new ImportProgress("registry", 0));
        var memberships = await RegistrySnapshot.LoadAsync(db, month, ct);
        progress?.Report(new ImportProgress("feed store", 0));
        var committed = await CommittedFeedBatches(db, ct);
        var rules = new RuleBook(month, parameters);
        var feeds = new Dictionary<string, ILookup<string, FeedRow>>();
        await using (var duck = await store.OpenAsync(write: false, ct: ct))
        {
            await FeedStore.LoadCommitted(duck, committed, ct);
            await FeedStore.Execute(duck, "CREATE OR REPLACE TEMP TABLE wanted (id VARCHAR)", ct);
            using (var appender = duck.CreateAppender("temp", "main", "wanted"))
            {
                foreach (var id in memberships.Select(m => m.IdNumber).Distinct()) appender.CreateRow().AppendValue(id).EndRow();
            }
            foreach (var type in RuleBook.Feeds.Select(FeedTypes.Get))
            {
                progress?.Report(new ImportProgress(type.Name, 0));
                // poverty_watch also raises alerts for people in no household: it is read whole.
                var rows = new List<FeedRow>();
                await foreach (var row in FeedStore.ReadCurrentAsync(duck, type, onlyWanted: type.Name != "poverty_watch", rules.Candidates(type.Name), ct))
                    rows.Add(row);
                feeds[type.Name] = rows.ToLookup(r => r.IdNumber, StringComparer.Ordinal);
            }
        }
        progress?.Report(new ImportProgress("rules", 0));
        return rules.Apply(memberships, feeds);
    }

    /// <summary>The import batches of every feed type: only their rows exist (docs/adr/0003).</summary>
    public static async Task<List<long>> CommittedFeedBatches(DoudiDb db, CancellationToken ct)
    {
        var kinds = FeedTypes.Names.ToList();
        return await db.ImportBatches.AsNoTracking().Where(b => kinds.Contains(b.Kind)).Select(b => b.Id).ToListAsync(ct);
    }

}
