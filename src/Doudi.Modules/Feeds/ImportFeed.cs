using System.Text;
using Doudi.Imports;
using Doudi.Persistence;
using Doudi.Registry;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Feeds;

public sealed record ImportFeed(FeedType Type, ImportSource Source, string? ErrorsPath, Encoding? Encoding, decimal MaxRejectedShare, DateOnly Today, string ImportedBy);

public abstract record ImportFeedOutcome
{
    /// <summary>The rows are stored (some may have been rejected to the error file).</summary>
    public sealed record Imported(long BatchId, int Read, int Accepted, int Rejected, WriteOutcome Stored, int RepeatedKeys,
        IReadOnlyList<string> Warnings, string? ErrorFile) : ImportFeedOutcome
    {
        /// <summary>Time spent reading and validating, and storing (for the closing line and benchmarks).</summary>
        public (TimeSpan Read, TimeSpan Store) Timing { get; init; }
    }

    /// <summary>The same file (SHA-256) was imported before: nothing changed.</summary>
    public sealed record Repeat(ImportBatch Earlier) : ImportFeedOutcome;

    /// <summary>Nothing was stored; the reason says why.</summary>
    public sealed record Refused(string Reason, string? ErrorFile) : ImportFeedOutcome;
}

/// <summary>
/// Imports one department feed file (data-files.md): validates every row, keeps the last row of each natural
/// key, then stores the batch atomically across the transactional database (the ImportBatch) and the
/// DuckDB feed store (the rows), as docs/adr/0003 describes.
/// </summary>
public sealed class ImportFeedHandler(DatabaseLocation location, FeedStore store)
{
    // "DoudiFd" in the high bytes, the feed type's position in the low ones: one advisory lock per type.
    private static long LockKey(FeedType type) => 0x446F756469466400 + FeedTypes.All.ToList().IndexOf(type);

    public async Task<ImportFeedOutcome> Handle(ImportFeed command, CancellationToken ct)
    {
        var type = command.Type;
        var fingerprint = FileFingerprint.Compute(command.Source, command.Encoding);
        await using var db = location.Open();
        if (await ImportHistory.FindAsync(db, type.Name, fingerprint.Sha256, ct) is { } earlier)
            return new ImportFeedOutcome.Repeat(earlier);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var schema = FeedSchemas.For(type);
        var errors = new List<ImportError>();
        var accepted = new Dictionary<string, object?[]>(StringComparer.Ordinal);
        var repeatedKeys = 0;
        var repeatedLines = new List<int>();
        int read;
        List<string> warnings;
        try
        {
            using var file = TabularFile.Open(command.Source, schema, new ReadOptions(command.Today, command.Encoding), fingerprint);
            var rejectedRows = 0;
            foreach (var row in file.Rows())
            {
                if (!row.HasErrors) FeedSchemas.CheckRow(type, schema, row);
                if (row.HasErrors)
                {
                    rejectedRows++;
                    errors.AddRange(row.Errors);
                    continue;
                }
                var values = FeedSchemas.Values(type, schema, row);
                var key = FeedSchemas.Key(type, values);
                if (accepted.Remove(key))
                {
                    repeatedKeys++;
                    if (repeatedLines.Count < 5) repeatedLines.Add(row.Line);
                }
                accepted[key] = values;
            }
            read = file.RowsRead;
            warnings = [.. file.Warnings];
            var errorPath = command.ErrorsPath ?? ErrorFile.PathFor(command.Source, null);
            if (errors.Count > 0 && errorPath is not null) ErrorFile.Write(errorPath, errors);
            if (RejectionRule.RejectsWholeFile(read, rejectedRows, command.MaxRejectedShare))
                return new ImportFeedOutcome.Refused(RejectionRule.Reason(command.Source.Name, read, rejectedRows, command.MaxRejectedShare), errorPath);
            if (repeatedKeys > 0)
                warnings.Add($"{command.Source.Name}: {repeatedKeys} 行与前面的行主键相同，以后出现的为准（如第 {string.Join(", ", repeatedLines)} 行）");
            var readTime = clock.Elapsed;
            var stored = await Store(db, command, fingerprint.Sha256, read, rejectedRows, accepted.Values, repeatedKeys, warnings, ct);
            return stored is ImportFeedOutcome.Imported outcome
                ? outcome with { ErrorFile = errors.Count > 0 ? errorPath : null, Timing = (readTime, clock.Elapsed - readTime) }
                : stored;
        }
        catch (FileRejectedException e)
        {
            return new ImportFeedOutcome.Refused(e.Message, null);
        }
    }

    /// <summary>Called after the DuckDB commit and before the transactional commit (tests widen that gap with it).</summary>
    internal Func<Task>? BeforeCommit { get; init; }

    private async Task<ImportFeedOutcome> Store(DoudiDb db, ImportFeed command, string sha256, int read, int rejected,
        IReadOnlyCollection<object?[]> rows, int repeatedKeys, List<string> warnings, CancellationToken ct)
    {
        // The batch row and the DuckDB rows commit together: DuckDB first, then the batch. If the process dies in
        // between, the DuckDB rows belong to no committed batch: readers never see them and the next write removes them.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Imports of one feed type take turns from here to the commit: the DuckDB write removes rows of batches
        // not committed yet, which would otherwise include those of an import between its two commits.
        // SQLite: EF began the transaction with BEGIN IMMEDIATE, so the write lock already serialises them.
        if (db.IsPostgres)
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey(command.Type)})", ct);
        // The same file imported at the same time by someone else: the second waits above, then finds it here.
        if (await ImportHistory.FindAsync(db, command.Type.Name, sha256, ct) is { } earlier)
            return new ImportFeedOutcome.Repeat(earlier);
        var batch = new ImportBatch
        {
            Kind = command.Type.Name,
            Sha256 = sha256,
            FileName = command.Source.Name,
            ImportedBy = command.ImportedBy,
            ImportedAt = DateTimeOffset.UtcNow,
            Read = read,
            Accepted = read - rejected,
            Rejected = rejected,
        };
        db.ImportBatches.Add(batch);
        await db.SaveChangesAsync(ct);
        var committed = await db.ImportBatches.Where(b => b.Kind == command.Type.Name && b.Id != batch.Id).Select(b => b.Id).ToListAsync(ct);
        var stored = await store.WriteBatchAsync(command.Type, batch.Id, committed, rows, ct);
        batch.Summary = $"new {stored.New}, replaced {stored.Replaced}, unchanged {stored.Unchanged}, repeated keys in file {repeatedKeys}";
        await db.SaveChangesAsync(ct);
        if (BeforeCommit is not null) await BeforeCommit();
        await transaction.CommitAsync(ct);
        return new ImportFeedOutcome.Imported(batch.Id, read, read - rejected, rejected, stored, repeatedKeys, warnings, null);
    }
}
