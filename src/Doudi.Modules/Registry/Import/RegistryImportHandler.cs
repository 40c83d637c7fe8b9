using System.Text;
using System.Text.Json;
using Doudi.Imports;
using Doudi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Registry.Import;

/// <summary>A roster pair to import, from the CLI (paths) or the web import page (uploaded bytes).</summary>
public sealed record RegistryImportRequest(ImportSource Households, ImportSource Members)
{
    /// <summary>Where error files go; null = beside each input (none for uploaded bytes: the report has the errors).</summary>
    public string? ErrorsDirectory { get; init; }

    /// <summary>Overrides the detected encoding (<c>--encoding</c>).</summary>
    public Encoding? Encoding { get; init; }

    public decimal MaxRejectedShare { get; init; } = RejectionRule.DefaultMaxShare;

    /// <summary>Who ran it (recorded on the batch).</summary>
    public string ImportedBy { get; init; } = Environment.UserName;
}

/// <summary>
/// <c>registry import</c>: reads and checks both files, then applies them in one transaction on the
/// context's connection (bulk commands, no change tracking), or writes nothing at all.
/// </summary>
public sealed class RegistryImportHandler(DoudiDb db, TimeProvider clock)
{
    public const string Kind = "registry";

    public async Task<RegistryImportReport> Handle(RegistryImportRequest request, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var householdsPrint = FileFingerprint.Compute(request.Households, request.Encoding);
        var membersPrint = FileFingerprint.Compute(request.Members, request.Encoding);
        var pairSha = FileFingerprint.Combine(householdsPrint.Sha256, membersPrint.Sha256);
        var earlier = await ImportHistory.FindAsync(db, Kind, pairSha, ct);
        if (earlier is not null) return BatchSummary.Repeat(earlier);

        var options = new ReadOptions(today, request.Encoding);
        var roster = new RosterReader(today, progress);
        var rejections = new List<string>();
        var warnings = new List<string>();
        RosterFile? households = null, members = null;
        try
        {
            using var file = TabularFile.Open(request.Households, RosterSchemas.Households, options, householdsPrint);
            households = roster.ReadHouseholds(file);
        }
        catch (FileRejectedException e)
        {
            rejections.Add(e.Message);
        }
        try
        {
            using var file = TabularFile.Open(request.Members, RosterSchemas.Members, options, membersPrint);
            if (households is not null) members = roster.ReadMembers(file);
        }
        catch (FileRejectedException e)
        {
            rejections.Add(e.Message);
        }

        foreach (var f in new[] { households, members })
        {
            if (f is null) continue;
            warnings.AddRange(f.Warnings);
            if (RejectionRule.RejectsWholeFile(f.Read, f.Rejected, request.MaxRejectedShare))
                rejections.Add(RejectionRule.Reason(f.Name, f.Read, f.Rejected, request.MaxRejectedShare));
        }
        if (roster.HouseholdsWithRejectedMembers.Count > 0)
            warnings.Add($"{roster.HouseholdsWithRejectedMembers.Count} 户有被拒绝的成员行：这些家庭本次不做成员减少处理");
        var householdsOutcome = Outcome(households, request.Households, request.ErrorsDirectory);
        var membersOutcome = Outcome(members, request.Members, request.ErrorsDirectory);

        if (rejections.Count > 0)
            return new RegistryImportReport(ImportOutcome.Rejected, null, householdsOutcome, membersOutcome, RegistryChanges.None, warnings, string.Join("；", rejections));

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var bulk = BulkWriter.For(db);
        bulk.Progress = progress;
        bulk.Phase = "reading the registry";
        var now = clock.GetUtcNow();
        var batchId = Convert.ToInt64(await bulk.ScalarAsync(
            "INSERT INTO \"import_batches\" (\"Kind\", \"Sha256\", \"FileName\", \"ImportedBy\", \"ImportedAt\", \"Read\", \"Accepted\", \"Rejected\") "
            + "VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7) RETURNING \"Id\"", ct,
            Kind, pairSha, $"{request.Households.Name} + {request.Members.Name}", request.ImportedBy, now,
            households!.Read + members!.Read, households.Accepted + members.Accepted, households.Rejected + members.Rejected),
            System.Globalization.CultureInfo.InvariantCulture);
        var stored = await StoredRegistry.ReadAsync(bulk, ct);
        var writer = new RosterWriter(bulk, today, now, households.File.HasColumn, members.File.HasColumn);
        var changes = await writer.ApplyAsync(roster, stored, $"import:{batchId}", ct);
        await bulk.ExecuteAsync("UPDATE \"import_batches\" SET \"Summary\" = @p1 WHERE \"Id\" = @p0",
            [[batchId, BatchSummary.Serialize(householdsOutcome!, membersOutcome!, changes, warnings)]], ct);
        await transaction.CommitAsync(ct);
        return new RegistryImportReport(ImportOutcome.Imported, batchId, householdsOutcome, membersOutcome, changes, warnings, null);
    }

    private static FileOutcome? Outcome(RosterFile? file, ImportSource source, string? errorsDirectory)
    {
        if (file is null) return null;
        string? path = null;
        if (file.Errors.Count > 0 && (path = ErrorFile.PathFor(source, errorsDirectory)) is not null) ErrorFile.Write(path, file.Errors);
        return new FileOutcome(file.Name, file.Sha256, file.Read, file.Accepted, file.Rejected, file.Errors, path);
    }
}

/// <summary>The batch's Summary: per-file counts and changes as JSON, so a repeat can report the earlier counts.</summary>
internal static class BatchSummary
{
    private sealed record FileCounts(string File, string Sha256, int Read, int Accepted, int Rejected);

    private sealed record Summary(FileCounts Households, FileCounts Members, string Changes, IReadOnlyList<string> Warnings);

    public static string Serialize(FileOutcome households, FileOutcome members, RegistryChanges changes, IReadOnlyList<string> warnings) =>
        JsonSerializer.Serialize(new Summary(Counts(households), Counts(members), changes.ToString(), warnings));

    private static FileCounts Counts(FileOutcome f) => new(f.FileName, f.Sha256, f.Read, f.Accepted, f.Rejected);

    public static RegistryImportReport Repeat(ImportBatch batch)
    {
        Summary? summary = null;
        try
        {
            summary = batch.Summary is null ? null : JsonSerializer.Deserialize<Summary>(batch.Summary);
        }
        catch (JsonException)
        {
        }
        FileOutcome? Outcome(FileCounts? c) => c is null ? null : new FileOutcome(c.File, c.Sha256, c.Read, c.Accepted, c.Rejected, [], null);
        return new RegistryImportReport(ImportOutcome.AlreadyImported, batch.Id, Outcome(summary?.Households), Outcome(summary?.Members),
            RegistryChanges.None, [], null);
    }
}
