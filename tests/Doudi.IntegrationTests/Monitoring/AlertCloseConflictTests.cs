using Doudi.Monitoring;
using Doudi.Oversight;
using Doudi.Web.Pages.Alerts;
using Microsoft.EntityFrameworkCore;
using static Doudi.IntegrationTests.Monitoring.MonitoringWorld;

namespace Doudi.IntegrationTests.Monitoring;

public class AlertCloseConflictTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Closing_one_alert_twice_at_the_same_time_lets_exactly_one_through(string kind)
    {
        var w = await CreateAsync(kind);
        await w.Household("H1", "dibao", new Person(Id(1), "甲"));
        await w.Feed("death", [Id(1), "甲", "2024-05-02"]);
        await w.Run();
        var id = Assert.Single(await w.Alerts()).Id;
        var trail = new AuditTrail(TimeProvider.System);

        // Two township officers open the alert, both see it open, both close it with different findings.
        await using var first = w.Location.Open();
        await using var second = w.Location.Open();
        var a = await CloseAlertHandler.HandleAsync(first, new CloseAlert(id, "confirmed", "停发低保", "officer-a"), DateTimeOffset.UtcNow);
        var b = await CloseAlertHandler.HandleAsync(second, new CloseAlert(id, "data_error", "通知公安核对", "officer-b"), DateTimeOffset.UtcNow);
        Assert.True(a.Closed && b.Closed);

        var savedA = await CloseAlertHandler.CommitAsync(first, a, () => trail.AppendAsync(first, new AuditEntry("officer-a", AuditActions.AlertClosed, "alert:" + id)));
        var savedB = await CloseAlertHandler.CommitAsync(second, b, () => trail.AppendAsync(second, new AuditEntry("officer-b", AuditActions.AlertClosed, "alert:" + id)));

        Assert.Equal(CloseAlertRefusal.None, savedA.Refusal);
        Assert.Equal(CloseAlertRefusal.Conflict, savedB.Refusal);
        Assert.Contains("已被其他人办结", IndexModel.RefusalText(savedB.Refusal), StringComparison.Ordinal);
        var alert = Assert.Single(await w.Alerts());
        Assert.Equal((AlertStatus.Closed, "confirmed", "officer-a"), (alert.Status, alert.Finding, alert.ClosedBy));
        await using var db = w.Location.Open();
        // The losing close left no audit record of a close either: its record was in the rolled-back transaction.
        Assert.Equal(["officer-a"], await db.AuditRecords.Where(r => r.Action == AuditActions.AlertClosed).Select(r => r.Actor).ToListAsync());
    }
}
