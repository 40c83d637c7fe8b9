using Doudi.Monitoring;
using Doudi.Persistence;
using Microsoft.EntityFrameworkCore;
using static Doudi.IntegrationTests.Monitoring.MonitoringWorld;

namespace Doudi.IntegrationTests.Monitoring;

public class AlertScopeTests
{
    private sealed record Seeded(DatabaseLocation Location, long Licheng, long Zengjiang, long CountyOwn, long OtherCounty);

    // Alerts as a monitoring run leaves them: two townships of 440183, one alert of 440183 itself (a person
    // in no household, routed to the county), one in another county.
    private static async Task<Seeded> SeedAsync(string kind)
    {
        var location = await TestDatabases.CreateAsync(kind);
        await using var db = location.Open();
        Alert New(int person, string county, string township) => new()
        {
            Rule = Rules.VehicleOwner,
            IdNumber = Id(person),
            HouseholdNo = township == "" ? "" : "H" + person,
            County = county,
            Township = township,
            Severity = "medium",
            Month = "2024-05",
            DetectedOn = RunDate,
            DueOn = RunDate.AddDays(15),
            Evidence = [new AlertEvidence { Key = $"vehicle:粤A0000{person}", Text = $"vehicle 粤A0000{person}", Month = "2024-05" }],
        };
        var alerts = new[] { New(1, "440183", "440183001"), New(2, "440183", "440183002"), New(3, "440183", ""), New(4, "440106", "440106001") };
        db.Alerts.AddRange(alerts);
        await db.SaveChangesAsync();
        return new Seeded(location, alerts[0].Id, alerts[1].Id, alerts[2].Id, alerts[3].Id);
    }

    private static DoudiDb Scoped(DatabaseLocation location, string prefix)
    {
        var db = location.Open();
        db.ScopePrefix = prefix;
        return db;
    }

    private static async Task<long[]> VisibleAsync(DatabaseLocation location, string prefix)
    {
        await using var db = Scoped(location, prefix);
        return [.. await db.Alerts.OrderBy(a => a.Id).Select(a => a.Id).ToListAsync()];
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Each_level_sees_exactly_the_alerts_of_its_region_and_a_county_its_own_unhoused_ones(string kind)
    {
        var s = await SeedAsync(kind);

        Assert.Equal([s.Licheng], await VisibleAsync(s.Location, "440183001"));
        Assert.Equal([s.Licheng, s.Zengjiang, s.CountyOwn], await VisibleAsync(s.Location, "440183"));
        Assert.Equal([s.OtherCounty], await VisibleAsync(s.Location, "440106"));
        Assert.Equal([s.Licheng, s.Zengjiang, s.CountyOwn, s.OtherCounty], await VisibleAsync(s.Location, "4401"));
        Assert.Empty(await VisibleAsync(s.Location, DoudiDb.NothingInScope));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Another_countys_user_cannot_reach_an_alert_or_its_evidence_by_id(string kind)
    {
        var s = await SeedAsync(kind);
        await using var db = Scoped(s.Location, "440106");

        Assert.Null(await db.Alerts.FindAsync(s.Licheng));
        Assert.Null(await db.Alerts.FirstOrDefaultAsync(a => a.Id == s.CountyOwn));
        Assert.Null(await db.Alerts.FirstOrDefaultAsync(a => a.IdNumber == Id(1)));
        Assert.Equal(["vehicle:粤A00004"], await db.Set<AlertEvidence>().Select(e => e.Key).ToListAsync());
        Assert.Empty(await db.Set<AlertEvidence>().Where(e => e.AlertId == s.Licheng).ToListAsync());
        var own = await db.Alerts.Include(a => a.Evidence).SingleAsync(a => a.Id == s.OtherCounty);
        Assert.Equal("vehicle:粤A00004", own.Evidence.Single().Key);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_township_caseworker_cannot_reach_its_countys_unhoused_alert_by_id(string kind)
    {
        var s = await SeedAsync(kind);
        await using var db = Scoped(s.Location, "440183001");

        Assert.Null(await db.Alerts.FindAsync(s.CountyOwn));
        Assert.Null(await db.Alerts.FindAsync(s.Zengjiang));
        Assert.NotNull(await db.Alerts.FindAsync(s.Licheng));
    }
}
