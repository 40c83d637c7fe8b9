using Doudi.Imports;

namespace Doudi.Registry.Import;

public enum ImportOutcome
{
    /// <summary>Written (with or without rejected rows): exit code 0.</summary>
    Imported,

    /// <summary>The same pair (same SHA-256s) was imported before; nothing changed: exit code 0.</summary>
    AlreadyImported,

    /// <summary>A file was rejected whole (no header, a missing column, too many rejected rows); nothing written: exit code 2.</summary>
    Rejected,
}

/// <summary>What happened to one file of the pair.</summary>
public sealed record FileOutcome(string FileName, string Sha256, int Read, int Accepted, int Rejected,
    IReadOnlyList<ImportError> Errors, string? ErrorFilePath)
{
    /// <summary>The contract's closing line for a file.</summary>
    public string CountsLine => $"read {Read}, accepted {Accepted}, rejected {Rejected}";
}

/// <summary>What the import changed in the registry.</summary>
public sealed record RegistryChanges(
    int HouseholdsAdded, int HouseholdsUpdated, int HouseholdsUnchanged, int HouseholdsClosed, int ProgramChanges,
    int MembersAdded, int MembersUpdated, int MembersUnchanged, int MembersLeft, int RegionsAdded)
{
    public static readonly RegistryChanges None = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public override string ToString() =>
        $"households: {HouseholdsAdded} added, {HouseholdsUpdated} updated, {HouseholdsUnchanged} unchanged, {HouseholdsClosed} closed, {ProgramChanges} program changes; "
        + $"members: {MembersAdded} added, {MembersUpdated} updated, {MembersUnchanged} unchanged, {MembersLeft} left; {RegionsAdded} new townships";
}

/// <summary>
/// The result of a roster import, for the CLI and the web import page alike. <see cref="Households"/> and
/// <see cref="Members"/> are null only when a file could not be opened at all.
/// </summary>
public sealed record RegistryImportReport(
    ImportOutcome Outcome,
    long? BatchId,
    FileOutcome? Households,
    FileOutcome? Members,
    RegistryChanges Changes,
    IReadOnlyList<string> Warnings,
    string? RejectionReason)
{
    public IEnumerable<ImportError> Errors => (Households?.Errors ?? []).Concat(Members?.Errors ?? []);
}

/// <summary>Rows done so far in a phase ("households", "members", "writing").</summary>
public readonly record struct ImportProgress(string Phase, long Done, long? Total = null);
