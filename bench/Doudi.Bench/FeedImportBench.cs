using System.Diagnostics;
using System.Globalization;
using Doudi.Feeds;
using Doudi.Imports;
using Doudi.Persistence;

namespace Doudi.Bench;

/// <summary>
/// <c>--feed-import TYPE FILE [--general]</c>: where a feed import's time goes, phase by phase, each with wall time,
/// CPU time of the process (user + sys) and the load average before it: the SHA-256/encoding pass, the parallel
/// UTF-8 reader (parse + validate + staging Parquet file), optionally the general one-thread reader for comparison,
/// DuckDB's part of the store (repeated keys, or the staging file taken as it is) into a fresh store, and the whole <c>ImportFeedHandler</c> into a fresh SQLite database.
/// </summary>
internal static class FeedImportBench
{
    public static async Task RunAsync(string typeName, string file, bool general)
    {
        var type = FeedTypes.Get(typeName);
        var source = ImportSource.FromFile(file);
        var today = DateOnly.FromDateTime(DateTime.Today);
        var work = Directory.CreateTempSubdirectory("doudi-feedbench-").FullName;
        var size = new FileInfo(file).Length;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{type.Name}: {file}, {size / 1048576.0:0.0} MiB, {Environment.ProcessorCount} cores"));

        var fingerprint = Phase("fingerprint (SHA-256 + UTF-8 check)", null, () => FileFingerprint.Compute(source));
        var stagePath = Path.Combine(work, "stage.parquet");
        FeedFileRead? read = null;
        // Three times: the first includes the JIT's warm-up of the hot loops (as in a one-shot `feeds import`).
        for (var pass = 1; pass <= 3; pass++)
        {
            Phase($"parallel UTF-8 read + validate + staging Parquet file, pass {pass}", () => read!.Read, () =>
                read = new FeedFileReader(type, FeedSchemas.For(type), today).Read(source, stagePath));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    read {read!.Read}, rejected {read.Rejected}, staging Parquet {new FileInfo(stagePath).Length / 1048576.0:0.0} MiB"));
        IReadOnlyCollection<object?[]> generalRows = [];
        if (general)
        {
            var rows = 0;
            Phase("general reader, one thread (TabularFile + checks + key)", () => rows, () =>
            {
                var schema = FeedSchemas.For(type);
                using var tabular = TabularFile.Open(source, schema, new ReadOptions(today), fingerprint);
                var keys = new Dictionary<string, object?[]>(StringComparer.Ordinal);
                foreach (var row in tabular.Rows())
                {
                    if (!row.HasErrors) FeedSchemas.CheckRow(type, schema, row);
                    if (row.HasErrors) continue;
                    var values = FeedSchemas.Values(type, schema, row);
                    keys[FeedSchemas.Key(type, values)] = values;
                }
                rows = tabular.RowsRead;
                generalRows = keys.Values;
                return rows;
            });
            var appenderStore = new FeedStore(Path.Combine(work, "appender.feeds.duckdb"));
            await PhaseAsync("general store: DuckDB Appender of boxed values, compare, write the batch file (fresh store)", () => rows,
                () => appenderStore.WriteBatchAsync(type, 1, [], generalRows));
        }
        var store = new FeedStore(Path.Combine(work, "bench.feeds.duckdb"));
        await PhaseAsync("DuckDB: drop the earlier rows of repeated keys, or take the staging file as it is (fresh store)", () => read.Read,
            () => store.WriteStagedBatchAsync(type, 1, [], stagePath, read));

        var location = new DatabaseLocation(Path.Combine(work, "e2e.db"), null);
        await location.MigrateAsync();
        var handler = new ImportFeedHandler(location, new FeedStore(Path.Combine(work, "e2e.feeds.duckdb")));
        var outcome = await PhaseAsync("end to end: ImportFeedHandler (fingerprint, read, store, commit)", () => read.Read,
            () => handler.Handle(new ImportFeed(type, source, Path.Combine(work, "errors.csv"), null, RejectionRule.DefaultMaxShare, today, "bench"), CancellationToken.None));
        Console.WriteLine($"    {outcome}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0} MiB"));
        Directory.Delete(work, recursive: true);
    }

    private static T Phase<T>(string name, Func<int>? rows, Func<T> action)
    {
        var (load, wall, cpu) = Start();
        var result = action();
        Report(name, rows, load, wall, cpu);
        return result;
    }

    private static async Task<T> PhaseAsync<T>(string name, Func<int>? rows, Func<Task<T>> action)
    {
        var (load, wall, cpu) = Start();
        var result = await action();
        Report(name, rows, load, wall, cpu);
        return result;
    }

    private static (string Load, Stopwatch Wall, TimeSpan Cpu) Start()
    {
        GC.Collect();
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
        return (load, Stopwatch.StartNew(), Process.GetCurrentProcess().TotalProcessorTime);
    }

    private static void Report(string name, Func<int>? rows, string load, Stopwatch wall, TimeSpan cpuStart)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuStart;
        var seconds = wall.Elapsed.TotalSeconds;
        var rate = rows is null ? "" : string.Create(CultureInfo.InvariantCulture, $", {rows() / seconds:#,0} rows/s wall, {rows() / cpu.TotalSeconds:#,0} rows per CPU-second");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name}: {seconds:0.00} s wall, {cpu.TotalSeconds:0.00} s CPU{rate} (load before: {load})"));
    }
}
