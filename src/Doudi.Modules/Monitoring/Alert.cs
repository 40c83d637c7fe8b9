using Microsoft.EntityFrameworkCore;

namespace Doudi.Monitoring;

/// <summary>
/// A monitoring alert (预警): one (rule, person, household) that the feeds say needs checking. Routed to its
/// township (or its county when it has none). Open until the township closes it with a finding.
/// </summary>
public sealed class Alert
{
    public long Id { get; set; }
    public required string Rule { get; set; }
    public required string IdNumber { get; set; }

    /// <summary>The registry household (null for a poverty-watch person in no household).</summary>
    public long? HouseholdId { get; set; }

    /// <summary>The external household number; empty when there is no household.</summary>
    public string HouseholdNo { get; set; } = "";
    public required string County { get; set; }

    /// <summary>Empty when there is no household: the county then handles it.</summary>
    public string Township { get; set; } = "";
    public required string Severity { get; set; }

    /// <summary>The month (YYYY-MM) of the run that raised it.</summary>
    public required string Month { get; set; }
    public DateOnly DetectedOn { get; set; }
    public DateOnly DueOn { get; set; }

    /// <summary><c>open</c> or <c>closed</c>.</summary>
    public string Status { get; set; } = AlertStatus.Open;

    /// <summary>confirmed | not_confirmed | data_error (核实属实 / 不属实 / 数据错误).</summary>
    public string? Finding { get; set; }
    public string? Action { get; set; }
    public string? ClosedBy { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    public List<AlertEvidence> Evidence { get; set; } = [];

    /// <summary>The evidence column of the export: every item, oldest first.</summary>
    public string EvidenceText => string.Join(" | ", Evidence.OrderBy(e => e.Id).Select(e => e.Text));

    /// <summary>Closes the alert; a closed alert cannot be closed again.</summary>
    public void Close(string finding, string action, string by, DateTimeOffset at)
    {
        if (Status != AlertStatus.Open) throw new InvalidOperationException("the alert is already closed");
        if (!AlertStatus.Findings.Contains(finding)) throw new ArgumentException($"unknown finding {finding}", nameof(finding));
        Status = AlertStatus.Closed;
        Finding = finding;
        Action = action;
        ClosedBy = by;
        ClosedAt = at;
    }
}

/// <summary>One fact behind an alert: a feed row (by natural key) or a registry fact.</summary>
public sealed class AlertEvidence
{
    public long Id { get; set; }
    public long AlertId { get; set; }

    /// <summary>The feed and natural key (<c>vehicle:粤A12345</c>) or registry fact (<c>registry:H001</c>).</summary>
    public required string Key { get; set; }
    public required string Text { get; set; }

    /// <summary>The month of the run that first saw it.</summary>
    public required string Month { get; set; }
}

public static class AlertStatus
{
    public const string Open = "open";
    public const string Closed = "closed";
    public static readonly string[] Findings = ["confirmed", "not_confirmed", "data_error"];
}

internal static class AlertModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Alert>(a =>
        {
            a.ToTable("alerts");
            a.HasIndex(x => new { x.Rule, x.IdNumber, x.HouseholdNo });
            a.HasIndex(x => new { x.Status, x.Township });
            a.Property(x => x.Rule).HasMaxLength(40);
            a.Property(x => x.IdNumber).HasMaxLength(18);
            a.Property(x => x.HouseholdNo).HasMaxLength(32);
            a.Property(x => x.County).HasMaxLength(6);
            a.Property(x => x.Township).HasMaxLength(9);
            a.Property(x => x.Severity).HasMaxLength(8);
            a.Property(x => x.Month).HasMaxLength(7);
            // Two staff closing the same alert at once: the second UPDATE finds the status no longer open
            // and fails, so exactly one close (and one finding) is stored (CloseAlertHandler.CommitAsync).
            a.Property(x => x.Status).HasMaxLength(8).IsConcurrencyToken();
            a.Property(x => x.Finding).HasMaxLength(16);
            a.HasMany(x => x.Evidence).WithOne().HasForeignKey(e => e.AlertId);
        });
        modelBuilder.Entity<AlertEvidence>(e =>
        {
            e.ToTable("alert_evidence");
            e.HasIndex(x => new { x.AlertId, x.Key }).IsUnique();
        });
    }
}
