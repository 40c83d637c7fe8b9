using Doudi.Feeds;
using Doudi.Imports;
using Doudi.Monitoring;
using Doudi.Registry.Demo;
using Doudi.Registry.Import;

namespace Doudi.IntegrationTests.Monitoring;

/// <summary>
/// The main engine reads only the feed rows a rule could use (<see cref="RuleBook.Candidates"/>); the SQL engine
/// reads every row. On a whole demo region, with every feed and every alert cause, they must find the same hits.
/// </summary>
public class DemoEnginesTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task On_a_demo_region_both_engines_find_the_same_hits_for_every_rule(string kind)
    {
        var w = await MonitoringWorld.CreateAsync(kind);
        var dir = Directory.CreateTempSubdirectory("doudi-demo-engines-").FullName;
        try
        {
            var region = DemoRegion.Generate(new DemoOptions(800, Seed: 5, AsOf: MonitoringWorld.May2024.Last));
            var files = DemoFiles.WriteAll(region, dir);
            await using (var db = w.Location.Open())
            {
                var roster = await new RegistryImportHandler(db, TimeProvider.System).Handle(
                    new RegistryImportRequest(ImportSource.FromFile(files[0]), ImportSource.FromFile(files[1])), null, CancellationToken.None);
                Assert.Equal(ImportOutcome.Imported, roster.Outcome);
            }
            foreach (var type in FeedTypes.All)
            {
                var outcome = await new ImportFeedHandler(w.Location, w.Store).Handle(new ImportFeed(type,
                    ImportSource.FromFile(Path.Combine(dir, type.Name + ".csv")), null, null, 0.05m, MonitoringWorld.RunDate, "test"), CancellationToken.None);
                Assert.IsType<ImportFeedOutcome.Imported>(outcome);
            }

            var main = MonitoringWorld.Describe(await w.Hits(sql: false));
            var sql = MonitoringWorld.Describe(await w.Hits(sql: true));
            Assert.Equal(sql, main);
            // The demo region has a share of every cause except the rare ones: most rules fire, and there are many hits.
            Assert.True(main.Select(h => h.Split(' ')[0]).Distinct().Count() >= 9, string.Join(", ", main.Select(h => h.Split(' ')[0]).Distinct()));
            Assert.True(main.Count > 100, $"{main.Count} hits");

            // The baseline through the whole command path raises one alert per hit (its temp tables on the engine's
            // connection, the alerts written on another). Fresh connections, as in a new `doudi` process: the pooled
            // ones keep the settings the imports gave them.
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var counts = await w.Run(sql: true);
            Assert.Equal(main.Count, counts.Sum(c => c.Raised));
            Assert.Equal(main.Count, (await w.Alerts()).Count);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
