using System.Diagnostics;
using System.Globalization;
using Doudi.Bench;
using Doudi.Imports;
using Doudi.Persistence;
using Doudi.Registry.Demo;
using Doudi.Registry.Import;

// Registry import benchmark: generates a demo region, imports it into a fresh database and reports wall time,
// phase times and peak memory. `--ef N` runs the EF Core AddRange/SaveChanges baseline on N households instead.
//   dotnet run -c Release --project bench/Doudi.Bench -- [--households 100000] [--connection PG] [--ef 10000]
// `--recompute N [--db]` times the whole-registry evaluation instead (RecomputeBench).
//   dotnet run -c Release --project bench/Doudi.Bench -- --recompute 1000000 [--db] [--baseline 20000]
// `--feed-import TYPE FILE [--general]` times a department feed import phase by phase (FeedImportBench).
// `--discover FILE.db [--scope PREFIX] [--repeat 3]` times the 政策找人 handler on a database (DiscoverBench).
if (Array.IndexOf(args, "--discover") is var discover and >= 0)
{
    await DiscoverBench.RunAsync(args[discover + 1], args.SkipWhile(a => a != "--scope").Skip(1).FirstOrDefault() ?? "", Arg("--repeat", 3));
    return;
}
if (Array.IndexOf(args, "--feed-import") is var f and >= 0)
{
    await FeedImportBench.RunAsync(args[f + 1], args[f + 2], Array.IndexOf(args, "--general") >= 0);
    return;
}
if (Array.IndexOf(args, "--recompute") >= 0)
{
    await RecomputeBench.RunAsync(Arg("--recompute", 100_000), Array.IndexOf(args, "--db") >= 0, Arg("--baseline", 20_000));
    return;
}
var households = Arg("--households", 100_000);
var efHouseholds = Arg("--ef", 0);
var connection = args.SkipWhile(a => a != "--connection").Skip(1).FirstOrDefault();
var work = Directory.CreateTempSubdirectory("doudi-bench-").FullName;
var location = connection is null ? new DatabaseLocation(Path.Combine(work, "bench.db"), null) : new DatabaseLocation(null, connection);
await location.MigrateAsync();

var size = efHouseholds > 0 ? efHouseholds : households;
var region = DemoRegion.Generate(new DemoOptions(size, Seed: 7, AsOf: new DateOnly(2026, 10, 31)));
var files = DemoFiles.WriteAll(region, work);
var people = region.Households.Sum(h => h.Members.Count);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"data: {size} households, {people} members, {files.Sum(f => new FileInfo(f).Length) / 1048576.0:0.0} MiB of CSV ({location})"));
GC.Collect();
var startBytes = Process.GetCurrentProcess().WorkingSet64;

var clock = Stopwatch.StartNew();
if (efHouseholds > 0)
{
    await EfBaseline.RunAsync(location, region);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"EF Core AddRange/SaveChanges: {clock.Elapsed.TotalSeconds:0.00} s"));
}
else
{
    var progress = new PhaseTimes();
    await using var db = location.Open();
    var report = await new RegistryImportHandler(db, TimeProvider.System).Handle(
        new RegistryImportRequest(ImportSource.FromFile(files[0]), ImportSource.FromFile(files[1])), progress, CancellationToken.None);
    var total = clock.Elapsed;
    Console.WriteLine("  " + progress.Summary());
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"import: {total.TotalSeconds:0.00} s, outcome {report.Outcome}, {report.Households!.CountsLine} / {report.Members!.CountsLine}"));
}
var peak = Process.GetCurrentProcess().PeakWorkingSet64;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"peak working set: {peak / 1048576.0:0} MiB (before the import: {startBytes / 1048576.0:0} MiB)"));
Directory.Delete(work, recursive: true);

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
