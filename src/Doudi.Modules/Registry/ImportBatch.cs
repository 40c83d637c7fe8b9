namespace Doudi.Registry;

/// <summary>One imported file (or roster pair). The SHA-256 makes a repeat a no-op.</summary>
public sealed class ImportBatch
{
    public long Id { get; set; }

    /// <summary><c>registry</c> or a feed type.</summary>
    public required string Kind { get; set; }
    public required string Sha256 { get; set; }
    public required string FileName { get; set; }
    public required string ImportedBy { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
    public int Read { get; set; }
    public int Accepted { get; set; }
    public int Rejected { get; set; }

    /// <summary>Free text summary (per-file counts of a pair, warnings).</summary>
    public string? Summary { get; set; }
}
