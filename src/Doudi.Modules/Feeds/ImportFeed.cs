using System.Text;
using Doudi.Imports;
using Doudi.Persistence;
using Doudi.Registry;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Feeds;

public sealed record ImportFeed(FeedType Type, ImportSource Source, string? ErrorsPath, Encoding? Encoding, decimal MaxRejectedShare, DateOnly Today, string ImportedBy)
{
    /// <summary>Told how many bytes of the file have been read and checked so far (the whole file once checked).</summary>
    public IProgress<long>? Progress { get; init; }
}

public abstract record ImportFeedOutcome
{
    /// <summary>The rows are stored (some may have been rejected to the error file).</summary>
    public sealed record Imported(long BatchId, int Read, int Accepted, int Rejected, WriteOutcome Stored, int RepeatedKeys,
        IReadOnlyList<string> Warnings, string? ErrorFile) : ImportFeedOutcome
    {
        /// <summary>Time spent reading and validating, and storing (for the closing line and benchmarks).</summary>
        public (TimeSpan Read, TimeSpan Store) Timing { get; init; }

        /// <summary>Every rejected value (line, column, value, reason), as the error file lists them.</summary>
        public IReadOnlyList<ImportError> Errors { get; init; } = [];
    }

    /// <summary>The same file (SHA-256) was imported before: nothing changed.</summary>
    public sealed record Repeat(ImportBatch Earlier) : ImportFeedOutcome;

    /// <summary>Nothing was stored; the reason says why.</summary>
    public sealed record Refused(string Reason, string? ErrorFile) : ImportFeedOutcome
    {
        /// <summary>The rejected values when the file was refused for too many of them; empty for a file refused whole.</summary>
        public IReadOnlyList<ImportError> Errors { get; init; } = [];
    }
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
        using var file = await CheckAsync(command, ct);
        return await file.StoreAsync(ct);
    }

    /// <summary>
    /// Reads and checks the file and writes its error file, storing nothing: the outcome is then known (a repeat, a
    /// file rejected whole) or <see cref="CheckedFeed.StoreAsync"/> stores it. Checking takes no lock, so a caller can
    /// check the next file while this one is being stored (<c>feeds import --dir</c>).
    /// </summary>
    public async Task<CheckedFeed> CheckAsync(ImportFeed command, CancellationToken ct)
    {
        var type = command.Type;
        var fingerprint = FileFingerprint.Compute(command.Source, command.Encoding);
        await using (var db = location.Open())
        {
            if (await ImportHistory.FindAsync(db, type.Name, fingerprint.Sha256, ct) is { } earlier)
                return new CheckedFeed(new ImportFeedOutcome.Repeat(earlier));
        }
        try
        {
            // UTF-8 CSV (what departments send) takes the parallel byte reader; GB18030 and .xlsx the general one.
            if (FastReader && fingerprint.Format == FileFormat.Csv && command.Encoding is null && fingerprint.Encoding is UTF8Encoding)
            {
                var stagePath = store.NewStagePath();
                CheckedFeed? utf8 = null;
                try
                {
                    utf8 = CheckUtf8(command, fingerprint, stagePath);
                    if (utf8 is not null) return utf8;
                }
                finally
                {
                    // The staging file lives until the checked file is stored (or never stored).
                    if (utf8 is null || utf8.Outcome is not null) File.Delete(stagePath);
                }
            }
            return CheckGeneral(command, fingerprint);
        }
        catch (FileRejectedException e)
        {
            return new CheckedFeed(new ImportFeedOutcome.Refused(e.Message, null));
        }
    }

    private CheckedFeed? CheckUtf8(ImportFeed command, FileFingerprint fingerprint, string stagePath)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var type = command.Type;
        var file = new FeedFileReader(type, FeedSchemas.For(type), command.Today).Read(command.Source, stagePath, command.Progress);
        if (file is null) return null;
        if (Rejects(command, file.Read, file.Rejected, file.Errors, out var refused, out var errorPath)) return new CheckedFeed(refused);
        var readTime = clock.Elapsed;
        var warnings = file.Warnings;
        return new CheckedFeed(async ct =>
        {
            var storeClock = System.Diagnostics.Stopwatch.StartNew();
            var stored = await Store(command, fingerprint.Sha256, file.Read, file.Rejected, async (batchId, committed) =>
            {
                var staged = await store.WriteStagedBatchAsync(type, batchId, committed, stagePath, file, ct);
                if (staged.RepeatedKeys > 0)
                {
                    var lines = staged.FirstRepeated.Select(r => file.BlockFirstLines[r.Block] + r.Line);
                    warnings.Add(RepeatedWarning(command, staged.RepeatedKeys, lines));
                }
                return (staged.Stored, staged.RepeatedKeys);
            }, warnings, ct);
            return stored is ImportFeedOutcome.Imported outcome
                ? outcome with { ErrorFile = file.Errors.Count > 0 ? errorPath : null, Timing = (readTime, storeClock.Elapsed), Errors = file.Errors }
                : stored;
        }, stagePath);
    }

    private CheckedFeed CheckGeneral(ImportFeed command, FileFingerprint fingerprint)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var type = command.Type;
        var schema = FeedSchemas.For(type);
        var errors = new List<ImportError>();
        var accepted = new Dictionary<string, object?[]>(StringComparer.Ordinal);
        var repeatedKeys = 0;
        var repeatedLines = new List<int>();
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
        var read = file.RowsRead;
        command.Progress?.Report(fingerprint.Length);
        List<string> warnings = [.. file.Warnings];
        if (Rejects(command, read, rejectedRows, errors, out var refused, out var errorPath)) return new CheckedFeed(refused);
        if (repeatedKeys > 0) warnings.Add(RepeatedWarning(command, repeatedKeys, repeatedLines));
        var readTime = clock.Elapsed;
        return new CheckedFeed(async ct =>
        {
            var storeClock = System.Diagnostics.Stopwatch.StartNew();
            var stored = await Store(command, fingerprint.Sha256, read, rejectedRows, async (batchId, committed) =>
                (await store.WriteBatchAsync(type, batchId, committed, accepted.Values, ct), repeatedKeys), warnings, ct);
            return stored is ImportFeedOutcome.Imported outcome
                ? outcome with { ErrorFile = errors.Count > 0 ? errorPath : null, Timing = (readTime, storeClock.Elapsed), Errors = errors }
                : stored;
        }, null);
    }

    /// <summary>Writes the error file; true (with the outcome) when the rejected share rejects the whole file.</summary>
    private static bool Rejects(ImportFeed command, int read, int rejected, List<ImportError> errors,
        out ImportFeedOutcome refused, out string? errorPath)
    {
        errorPath = command.ErrorsPath ?? ErrorFile.PathFor(command.Source, null);
        if (errors.Count > 0 && errorPath is not null) ErrorFile.Write(errorPath, errors);
        var whole = RejectionRule.RejectsWholeFile(read, rejected, command.MaxRejectedShare);
        refused = new ImportFeedOutcome.Refused(whole ? RejectionRule.Reason(command.Source.Name, read, rejected, command.MaxRejectedShare) : "", errorPath) { Errors = errors };
        return whole;
    }

    private static string RepeatedWarning(ImportFeed command, int repeatedKeys, IEnumerable<int> lines) =>
        $"{command.Source.Name}: {repeatedKeys} 行与前面的行主键相同，以后出现的为准（如第 {string.Join(", ", lines)} 行）";

    /// <summary>Whether a UTF-8 CSV takes the fast reader (tests compare it with the general reader).</summary>
    internal bool FastReader { get; init; } = true;

    /// <summary>Called after the DuckDB commit and before the transactional commit (tests widen that gap with it).</summary>
    internal Func<Task>? BeforeCommit { get; init; }

    private async Task<ImportFeedOutcome> Store(ImportFeed command, string sha256, int read, int rejected,
        Func<long, IReadOnlyCollection<long>, Task<(WriteOutcome Stored, int RepeatedKeys)>> write, List<string> warnings, CancellationToken ct)
    {
        await using var db = location.Open();
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
        var (stored, repeatedKeys) = await write(batch.Id, committed);
        batch.Summary = $"new {stored.New}, replaced {stored.Replaced}, unchanged {stored.Unchanged}, repeated keys in file {repeatedKeys}";
        await db.SaveChangesAsync(ct);
        if (BeforeCommit is not null) await BeforeCommit();
        await transaction.CommitAsync(ct);
        return new ImportFeedOutcome.Imported(batch.Id, read, read - rejected, rejected, stored, repeatedKeys, warnings, null);
    }
}

/// <summary>
/// A feed file read and checked by <see cref="ImportFeedHandler.CheckAsync"/>, not stored yet: either its outcome is
/// already known (<see cref="Outcome"/>: a repeat, a file rejected whole), or <see cref="StoreAsync"/> stores it as
/// one batch. Disposing it removes its staging file, stored or not.
/// </summary>
public sealed class CheckedFeed : IDisposable
{
    private readonly Func<CancellationToken, Task<ImportFeedOutcome>>? _store;
    private readonly string? _stagePath;

    internal CheckedFeed(ImportFeedOutcome outcome) => Outcome = outcome;

    internal CheckedFeed(Func<CancellationToken, Task<ImportFeedOutcome>> store, string? stagePath) => (_store, _stagePath) = (store, stagePath);

    /// <summary>The outcome when it was decided without storing; null when the file is to be stored.</summary>
    public ImportFeedOutcome? Outcome { get; }

    /// <summary>Stores the checked rows (the outcome as <see cref="ImportFeedHandler.Handle"/> gives it); call once.</summary>
    public Task<ImportFeedOutcome> StoreAsync(CancellationToken ct) => Outcome is { } known ? Task.FromResult(known) : _store!(ct);

    public void Dispose()
    {
        if (_stagePath is not null) File.Delete(_stagePath);
    }
}
