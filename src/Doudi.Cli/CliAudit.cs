using Doudi.Oversight;
using Doudi.Persistence;

namespace Doudi.Cli;

/// <summary>Every command that reads or changes personal data leaves an audit record (contracts/cli.md).</summary>
public static class CliAudit
{
    public static string Actor => "cli:" + Environment.UserName;

    public static async Task RecordAsync(DatabaseLocation location, string action, string subject, string detail, CancellationToken ct)
    {
        await using var db = location.Open();
        await new AuditTrail(TimeProvider.System).AppendAsync(db, new AuditEntry(Actor, action, subject, detail, "command line"), ct);
    }
}
