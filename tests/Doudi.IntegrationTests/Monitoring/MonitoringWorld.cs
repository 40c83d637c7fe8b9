using System.Text;
using Doudi.Feeds;
using Doudi.Imports;
using Doudi.Monitoring;
using Doudi.Persistence;
using Doudi.Registry;
using Microsoft.EntityFrameworkCore;

namespace Doudi.IntegrationTests.Monitoring;

/// <summary>A small hand-made registry and feed store for monitoring tests.</summary>
public sealed class MonitoringWorld
{
    public static readonly MonitoringMonth May2024 = new(2024, 5);
    public static readonly DateOnly RunDate = new(2024, 6, 3);

    private readonly DirectoryInfo _dir;
    private int _files;

    private MonitoringWorld(DatabaseLocation location, DirectoryInfo dir)
    {
        Location = location;
        _dir = dir;
        Store = new FeedStore(Path.Combine(dir.FullName, "feeds.duckdb"), "256MB");
    }

    public DatabaseLocation Location { get; }
    public FeedStore Store { get; }

    public static async Task<MonitoringWorld> CreateAsync(string kind = "sqlite") =>
        new(await TestDatabases.CreateAsync(kind), Directory.CreateTempSubdirectory("doudi-feeds-"));

    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>A valid ID number for person <paramref name="n"/>.</summary>
    public static string Id(int n)
    {
        var first17 = "440106" + "1980" + "0101" + n.ToString("000", System.Globalization.CultureInfo.InvariantCulture);
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (first17[i] - '0') * Weights[i];
        return first17 + "10X98765432"[sum % 11];
    }

    public sealed record Person(string IdNumber, string Name, string OwnPrograms = "");

    /// <summary>Adds a household with its members; the program holds from 2020-01-01.</summary>
    public async Task<long> Household(string no, string program, params Person[] people)
    {
        await using var db = Location.Open();
        var household = new Household
        {
            HouseholdNo = no,
            CountyCode = "440106",
            TownshipCode = "440106001",
            Area = "urban",
            Program = program,
            MonthlyAmount = program == "none" ? 0 : 800,
            ProgramSince = new DateOnly(2020, 1, 1),
        };
        foreach (var p in people)
        {
            household.Members.Add(new Member
            {
                IdNumber = p.IdNumber,
                Name = p.Name,
                Sex = "male",
                BirthDate = new DateOnly(1980, 1, 1),
                Relation = household.Members.Count == 0 ? "head" : "other",
                MemberPrograms = p.OwnPrograms,
                JoinedOn = new DateOnly(2020, 1, 1),
            });
        }
        db.Households.Add(household);
        await db.SaveChangesAsync();
        return household.Id;
    }

    /// <summary>Writes a CSV of the type's columns (rows in column order, id_number and name first) and imports it.</summary>
    public async Task<ImportFeedOutcome> Feed(string type, params string[][] rows) => await Import(type, Csv(FeedTypes.Get(type), rows));

    public static string Csv(FeedType type, IEnumerable<string[]> rows)
    {
        var text = new StringBuilder(string.Join(",", type.Columns.Select(c => c.Name))).Append('\n');
        foreach (var row in rows) text.Append(string.Join(",", row)).Append('\n');
        return text.ToString();
    }

    public async Task<ImportFeedOutcome> Import(string type, string csv, decimal maxShare = 0.05m, Func<Task>? beforeCommit = null)
    {
        var path = Path.Combine(_dir.FullName, $"{type}-{Interlocked.Increment(ref _files)}.csv");
        await File.WriteAllTextAsync(path, csv, new UTF8Encoding(false));
        var handler = new ImportFeedHandler(Location, Store) { BeforeCommit = beforeCommit };
        return await handler.Handle(new ImportFeed(FeedTypes.Get(type), ImportSource.FromFile(path), null, null, maxShare,
            new DateOnly(2024, 6, 3), "test"), CancellationToken.None);
    }

    public async Task<IReadOnlyList<RuleCount>> Run(bool sql = false, MonitoringMonth? month = null) =>
        await new RunMonitoringHandler(Location, Store, OfficialWorkingDays.Instance)
            .Handle(new RunMonitoring(month ?? May2024, RunDate, sql), CancellationToken.None);

    public async Task<IReadOnlyList<Hit>> Hits(bool sql, MonitoringMonth? month = null)
    {
        var m = month ?? May2024;
        await using var db = Location.Open();
        IMonitoringEngine engine = sql ? new SqlEngine() : new FeedEngine();
        return await engine.FindAllAsync(db, Store, m, MonitoringParameters.InForce(m.Last), CancellationToken.None);
    }

    /// <summary>The current stored rows of a feed type, as every reader sees them, in key order.</summary>
    public async Task<List<FeedRow>> Current(string type)
    {
        await using var db = Location.Open();
        var committed = await FeedEngine.CommittedFeedBatches(db, CancellationToken.None);
        await using var duck = await Store.OpenAsync(write: false);
        await Store.LoadCommitted(duck, committed, CancellationToken.None);
        var rows = new List<FeedRow>();
        await foreach (var row in FeedStore.ReadCurrentAsync(duck, FeedTypes.Get(type), onlyWanted: false)) rows.Add(row);
        return [.. rows.OrderBy(r => r.Key, StringComparer.Ordinal)];
    }

    public async Task<List<Alert>> Alerts()
    {
        await using var db = Location.Open();
        return await db.Alerts.Include(a => a.Evidence).OrderBy(a => a.Id).ToListAsync();
    }

    /// <summary>Both engines' hits of one rule as comparable lines; asserts the engines agree.</summary>
    public async Task<List<string>> Found(string rule, MonitoringMonth? month = null)
    {
        var main = Describe(await Hits(false, month), rule);
        var sql = Describe(await Hits(true, month), rule);
        Assert.Equal(main, sql);
        return main;
    }

    public static List<string> Describe(IEnumerable<Hit> hits, string? rule = null) =>
        hits.Where(h => rule is null || h.Rule == rule)
            .Select(h => $"{h.Rule} {h.IdNumber} {h.HouseholdNo} {h.County} :: {string.Join(" | ", h.Evidence.Select(e => e.Text))}")
            .Order(StringComparer.Ordinal).ToList();
}
