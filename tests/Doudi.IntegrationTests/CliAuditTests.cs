using Doudi.Oversight;
using Doudi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Doudi.IntegrationTests;

/// <summary>Commands that read or change personal data leave audit records, and the chain stays intact.</summary>
public class CliAuditTests
{
    private static async Task<int> RunAsync(params string[] args) => (await DoudiProcess.RunAsync(args)).Code;

    [Fact]
    public async Task Import_feed_import_monitoring_and_export_each_leave_an_audit_record()
    {
        var dir = Directory.CreateTempSubdirectory("doudi-cli-audit-").FullName;
        var db = Path.Combine(dir, "d.db");
        Assert.Equal(0, await RunAsync("demo", "generate", "--households", "60", "--out", dir, "--seed", "5", "--month", "2024-05"));
        Assert.Equal(0, await RunAsync("--database", db, "registry", "import", "--households", Path.Combine(dir, "households.csv"), "--members", Path.Combine(dir, "members.csv")));
        Assert.Equal(0, await RunAsync("--database", db, "feeds", "import", "--type", "death", "--file", Path.Combine(dir, "death.csv")));
        Assert.Equal(0, await RunAsync("--database", db, "monitor", "run", "--month", "2024-05", "--run-date", "2024-06-03"));
        Assert.Equal(0, await RunAsync("--database", db, "alerts", "export", "--out", Path.Combine(dir, "alerts.csv")));

        await using var context = new DatabaseLocation(db, null).Open();
        var actions = await context.AuditRecords.OrderBy(r => r.Id).Select(r => r.Action).ToListAsync();
        Assert.Equal([AuditActions.RosterImport, AuditActions.FeedImport, AuditActions.MonitoringRun, AuditActions.AlertsExport], actions);
        Assert.True((await AuditTrail.VerifyChainAsync(context)).Intact);
    }
}
