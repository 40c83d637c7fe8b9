using System.Text;
using Doudi.Monitoring;
using static Doudi.IntegrationTests.Monitoring.MonitoringWorld;

namespace Doudi.IntegrationTests.Monitoring;

public class AlertLifeTests
{
    private static async Task<MonitoringWorld> World(string kind)
    {
        var w = await CreateAsync(kind);
        await w.Household("H1", "dibao", new Person(Id(1), "甲"), new Person(Id(2), "乙"));
        await w.Household("H2", "dibao_edge", new Person(Id(1), "甲"), new Person(Id(3), "丙"));
        await w.Feed("vehicle", [Id(1), "甲", "粤A00001", "car", "2020-01-01"], [Id(8), "外", "粤A00008", "car", "2020-01-01"]);
        await w.Feed("death", [Id(2), "乙", "2024-05-02"]);
        await w.Feed("medical", [Id(3), "丙", "S1", "2024-01-01", "20000", "12000"]);
        await w.Feed("poverty_watch", [Id(9), "庚", "440106", "2024-01-01", "illness", ""]);
        return w;
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Running_the_same_month_again_raises_nothing_new(string kind)
    {
        var w = await World(kind);
        var first = await w.Run();
        Assert.Equal(2, first.Single(c => c.Rule == Rules.VehicleOwner).Raised);       // 甲 in H1 and in H2
        Assert.Equal(2, first.Single(c => c.Rule == Rules.DuplicateEnrolment).Raised);
        Assert.Equal(1, first.Single(c => c.Rule == Rules.DeceasedRecipient).Raised);
        Assert.Equal(1, first.Single(c => c.Rule == Rules.HighMedicalCost).Raised);
        Assert.Equal(1, first.Single(c => c.Rule == Rules.PovertyWatchUnassisted).Raised);
        var again = await w.Run();
        Assert.All(again, c => Assert.Equal(0, c.Raised + c.Updated));
        var sql = await w.Run(sql: true);
        Assert.All(sql, c => Assert.Equal(0, c.Raised + c.Updated));
        var alerts = await w.Alerts();
        Assert.Equal(7, alerts.Count);
        var death = alerts.Single(a => a.Rule == Rules.DeceasedRecipient);
        // 10 working days from Monday 3 June 2024 skip two weekends and 端午 (Monday 10 June).
        Assert.Equal(("440106001", "high", new DateOnly(2024, 6, 3), new DateOnly(2024, 6, 18)), (death.Township, death.Severity, death.DetectedOn, death.DueOn));
        var outside = alerts.Single(a => a.Rule == Rules.PovertyWatchUnassisted);
        Assert.Equal(("", "", "440106", (long?)null), (outside.HouseholdNo, outside.Township, outside.County, outside.HouseholdId));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task An_open_alert_takes_new_evidence_and_a_closed_one_is_raised_again_only_by_unseen_evidence(string kind)
    {
        var w = await World(kind);
        await w.Run();
        await using (var db = w.Location.Open())
        {
            var h1 = db.Alerts.Single(a => a.Rule == Rules.VehicleOwner && a.HouseholdNo == "H1");
            h1.Close("confirmed", "停发低保", "township-officer", DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }
        // Same evidence after closing: nothing new.
        var rerun = await w.Run();
        Assert.Equal(0, rerun.Single(c => c.Rule == Rules.VehicleOwner).Raised);

        // A second car: the open alert (H2) takes it as evidence; the closed one (H1) is raised anew.
        await w.Feed("vehicle", [Id(1), "甲", "粤A00002", "bus", "2024-05-20"]);
        var counts = await w.Run();
        var vehicle = counts.Single(c => c.Rule == Rules.VehicleOwner);
        Assert.Equal((1, 1), (vehicle.Raised, vehicle.Updated));
        var alerts = (await w.Alerts()).Where(a => a.Rule == Rules.VehicleOwner).ToList();
        Assert.Equal(3, alerts.Count);
        var h2 = alerts.Single(a => a.HouseholdNo == "H2");
        Assert.Equal(["vehicle:粤A00001", "vehicle:粤A00002"], h2.Evidence.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Single(alerts, a => a.HouseholdNo == "H1" && a.Status == AlertStatus.Open);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task The_sql_engine_finds_the_same_hits_as_the_main_engine(string kind)
    {
        var w = await World(kind);
        await w.Feed("property", [Id(1), "甲", "residential", "C1", "2010-01-01", ""], [Id(3), "丙", "non_residential", "C2", "2010-01-01", ""]);
        await w.Feed("detention", [Id(2), "乙", "2024-05-31", ""]);
        await w.Feed("official_kin", [Id(3), "丙 ", Id(7), "官", "科员", "440106", "sibling"]);
        await w.Feed("disability", [Id(3), "丙", "intellectual", "3", "2022-01-01"]);
        await w.Feed("unemployment", [Id(3), "丙", "2024-05-15"]);
        await w.Feed("employment", [Id(1), "甲", "2024-05", "4000"]);
        await w.Feed("business", [Id(1), "甲甲", "店", "1", "2020-01-01", "active"]);
        var main = Describe(await w.Hits(sql: false));
        var sql = Describe(await w.Hits(sql: true));
        Assert.Equal(main, sql);
        Assert.Equal(Rules.All.Count, main.Select(h => h.Split(' ')[0]).Distinct().Count());  // every rule fired
        Assert.Contains(main, h => h.Contains("name differs", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task The_export_is_utf8_with_bom_sorted_and_formula_neutralised(string kind)
    {
        var w = await World(kind);
        await w.Feed("business", [Id(1), "甲", "=HYPERLINK(\"x\")", "1", "2020-01-01", "active"]);
        await w.Run();
        var path = Path.Combine(Path.GetTempPath(), $"alerts-{Guid.NewGuid():N}.csv");
        await using (var db = w.Location.Open()) await ExportAlerts.WriteFileAsync(db, path, CancellationToken.None);
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ExportAlerts.Header, lines[0]);
        var rules = lines.Skip(1).Select(l => l.Split(',')[0]).ToList();
        Assert.Equal(rules.Order(StringComparer.Ordinal), rules);
        Assert.Equal(9, lines.Length - 1);
        var business = lines.Single(l => l.StartsWith(Rules.BusinessOwner, StringComparison.Ordinal) && l.Contains(",H1,", StringComparison.Ordinal));
        Assert.Contains("\"business:=HYPERLINK(\"\"x\"\")+" + Id(1), business, StringComparison.Ordinal);
        Assert.StartsWith($"{Rules.BusinessOwner},{Id(1)},H1,440106,440106001,medium,2024-06-03,2024-06-18,", business, StringComparison.Ordinal);
    }

    /// <summary>The alerts of a run are written while the engine still finds hits: a run that fails half-way stores nothing.</summary>
    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Hits_written_while_the_engine_runs_are_rolled_back_when_it_fails_and_a_key_may_come_in_one_part_only(string kind)
    {
        var w = await World(kind);
        var hits = await w.Hits(sql: false);
        var byRule = hits.GroupBy(h => h.Rule).Select(g => (IReadOnlyList<Hit>)[.. g]).ToList();
        Assert.True(byRule.Count >= 4);

        async Task<Exception?> Apply(Action<System.Threading.Channels.ChannelWriter<IReadOnlyList<Hit>>> engine)
        {
            var parts = System.Threading.Channels.Channel.CreateUnbounded<IReadOnlyList<Hit>>();
            await using var db = w.Location.Open();
            var writing = new AlertBook(db, OfficialWorkingDays.Instance).ApplyAsync(parts.Reader, May2024, RunDate,
                MonitoringParameters.InForce(May2024.Last), CancellationToken.None);
            engine(parts.Writer);
            try
            {
                await writing;
                return null;
            }
            catch (Exception e)
            {
                return e;
            }
        }

        // Two parts written, then the engine fails: the writer rethrows its error and keeps nothing.
        var failed = await Apply(parts =>
        {
            parts.TryWrite(byRule[0]);
            parts.TryWrite(byRule[1]);
            parts.Complete(new InvalidOperationException("engine failed"));
        });
        Assert.Equal("engine failed", failed?.Message);
        Assert.Empty(await w.Alerts());

        // The same (rule, person, household) in two parts of one run would raise it twice: refused, nothing kept.
        var twice = await Apply(parts =>
        {
            parts.TryWrite(byRule[0]);
            parts.TryWrite(byRule[0]);
            parts.Complete();
        });
        Assert.Contains("came in two parts", twice?.Message, StringComparison.Ordinal);
        Assert.Empty(await w.Alerts());

        // Every part, then completion: one alert per hit.
        Assert.Null(await Apply(parts =>
        {
            foreach (var part in byRule) parts.TryWrite(part);
            parts.Complete();
        }));
        Assert.Equal(hits.Count, (await w.Alerts()).Count);
    }
}
