using Doudi.Feeds;
using Doudi.Persistence;
using Doudi.Registry.Import;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Monitoring;

/// <summary>Finds the hits of a month: the main engine or the SQL baseline.</summary>
public interface IMonitoringEngine
{
    /// <summary>
    /// Finds the month's hits and hands them to <paramref name="found"/> in parts, as soon as each part is known, so
    /// that the alerts of one part are written while the next is being found. <paramref name="found"/> is called from
    /// one thread at a time.
    /// </summary>
    Task FindAsync(DoudiDb db, FeedStore store, MonitoringMonth month, MonitoringParameters parameters, Action<IReadOnlyList<Hit>> found,
        CancellationToken ct, IProgress<ImportProgress>? progress = null);
}

public static class MonitoringEngines
{
    /// <summary>Every hit of the month in one list (tests and comparisons).</summary>
    public static async Task<IReadOnlyList<Hit>> FindAllAsync(this IMonitoringEngine engine, DoudiDb db, FeedStore store, MonitoringMonth month,
        MonitoringParameters parameters, CancellationToken ct)
    {
        var hits = new List<Hit>();
        await engine.FindAsync(db, store, month, parameters, hits.AddRange, ct);
        return hits;
    }
}

/// <summary>
/// The main engine: DuckDB picks the current feed rows about registry people (a join it does in columnar
/// memory, bounded by its memory limit), then <see cref="RuleBook"/> applies each feed's rules in memory while
/// DuckDB reads the next feed.
/// </summary>
public sealed class FeedEngine : IMonitoringEngine
{
    public async Task FindAsync(DoudiDb db, FeedStore store, MonitoringMonth month, MonitoringParameters parameters, Action<IReadOnlyList<Hit>> found,
        CancellationToken ct, IProgress<ImportProgress>? progress = null)
    {
        progress?.Report(new ImportProgress("registry", 0));
        var memberships = await RegistrySnapshot.LoadAsync(db, month, ct);
        progress?.Report(new ImportProgress("feed store", 0));
        // The memberships are indexed by person while the feed store is opened and given them.
        var indexing = Task.Run(() => new People(memberships), ct);
        var committed = await CommittedFeedBatches(db, ct);
        var rules = new RuleBook(month, parameters);
        // The rules of each feed run (on every core) while DuckDB reads the next feed; one feed's rules at a time,
        // so `found` is called from one thread at a time.
        var applied = Task.CompletedTask;
        await using (var duck = await store.OpenAsync(write: false, ct: ct))
        {
            await store.LoadCommitted(duck, committed, ct);
            // The month's memberships: a person in two households has two rows (the property filter counts by household).
            // `reads` has a bit for each feed whose rules check only some memberships (RuleBook.Reads), set when they
            // check this one.
            var scoped = RuleBook.Feeds.Select(f => (Feed: f, Reads: RuleBook.Reads(f))).Where(f => f.Reads is not null).ToList();
            var inScope = new long[scoped.Count];
            await FeedStore.Execute(duck, "CREATE OR REPLACE TEMP TABLE wanted (id VARCHAR, household BIGINT, reads UINTEGER)", ct);
            using (var appender = duck.CreateAppender("temp", "main", "wanted"))
            {
                foreach (var m in memberships)
                {
                    var reads = 0u;
                    for (var i = 0; i < scoped.Count; i++)
                    {
                        if (!scoped[i].Reads!(m)) continue;
                        reads |= 1u << i;
                        inScope[i]++;
                    }
                    appender.CreateRow().AppendValue(m.IdNumber).AppendValue(m.HouseholdId).AppendValue(reads).EndRow();
                }
            }
            var people = await indexing;
            found(RuleBook.DuplicateEnrolment(people));
            foreach (var type in RuleBook.Feeds.Select(FeedTypes.Get))
            {
                progress?.Report(new ImportProgress(type.Name, 0));
                // poverty_watch also raises alerts for people in no household: it is read whole.
                var bit = scoped.FindIndex(f => f.Feed == type.Name);
                var who = type.Name == "poverty_watch" ? null
                    : bit < 0 ? "id_number IN (SELECT id FROM wanted)"
                    : $"id_number IN (SELECT id FROM wanted WHERE reads & {1u << bit} <> 0)";
                // Joining a feed with the people in `wanted`, DuckDB builds its hash table from the side it expects to
                // be smaller. On a large feed it picks the feed, all columns of millions of rows, and probes it with
                // `wanted`; building from `wanted` instead took half the CPU on the largest feeds, and on property
                // (fewer rows than people, but joined twice) 2.7 s instead of 7 s. On feeds of under half as many rows
                // as the people it reads, DuckDB's own choice was as fast or faster (docs/benchmarks.md).
                var readers = bit < 0 ? memberships.Count : inScope[bit];
                var large = who is not null && await FeedStore.RowCountAsync(duck, type, ct) * 2 > readers;
                await FeedStore.Execute(duck, large ? "SET disabled_optimizers = 'build_side_probe_side'" : "RESET disabled_optimizers", ct);
                var candidates = rules.Candidates(type.Name);
                var filter = who is null ? candidates : new RowFilter(candidates?.Where is { } where ? $"{who} AND ({where})" : who, candidates?.Qualify);
                var rows = new List<FeedRow>();
                await foreach (var row in FeedStore.ReadCurrentAsync(duck, type, onlyWanted: false, filter, ct))
                    rows.Add(row);
                applied = Then(applied, people, type.Name, rows.ToLookup(r => r.IdNumber, StringComparer.Ordinal));
            }
        }
        progress?.Report(new ImportProgress("rules", 0));
        await applied;

        async Task Then(Task before, People people, string feed, ILookup<string, FeedRow> rows)
        {
            await before;
            found(await Task.Run(() => rules.Apply(people, feed, rows), ct));
        }
    }

    /// <summary>The import batches of every feed type: only their rows exist (docs/adr/0003).</summary>
    public static async Task<List<long>> CommittedFeedBatches(DoudiDb db, CancellationToken ct)
    {
        var kinds = FeedTypes.Names.ToList();
        return await db.ImportBatches.AsNoTracking().Where(b => kinds.Contains(b.Kind)).Select(b => b.Id).ToListAsync(ct);
    }
}
