namespace Doudi.Oversight;

/// <summary>
/// Who did or saw what, when and from where. Records are chained by hash (each holds the hash of the
/// one before), so a deleted or edited record breaks the chain.
/// </summary>
public sealed class AuditRecord
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public required string Subject { get; set; }
    public string? Detail { get; set; }
    public string? From { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }
}
