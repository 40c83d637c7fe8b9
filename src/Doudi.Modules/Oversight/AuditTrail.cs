using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Doudi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Oversight;

/// <summary>What one audit record says: who did or saw what, about which subject, from where.</summary>
public sealed record AuditEntry(string Actor, string Action, string Subject, string? Detail = null, string? From = null);

/// <summary>
/// The tamper-evident audit log. Each record holds the hash of the record before it and its own hash
/// over that and its fields, so editing or deleting a record breaks the chain at the next one.
/// Appends are serialized across processes (serve and CLI share the database): on SQLite by the write
/// lock, on PostgreSQL by a transaction-scoped advisory lock. Without that, two appends could read the
/// same last hash and fork the chain.
/// </summary>
public sealed class AuditTrail(TimeProvider clock)
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    // Any fixed number: the advisory lock that guards the end of the chain on PostgreSQL.
    private const long PostgresLockKey = 0x446F756469417564; // "DoudiAud"

    /// <summary>
    /// Appends a record. Changes already tracked by <paramref name="db"/> are saved in the same
    /// transaction, so a change and its record are committed together or not at all.
    /// </summary>
    public async Task<AuditRecord> AppendAsync(DoudiDb db, AuditEntry entry, CancellationToken ct = default)
    {
        var own = db.Database.CurrentTransaction is null;
        // On SQLite, EF begins transactions with BEGIN IMMEDIATE: the write lock is held from here on.
        var transaction = own ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            if (db.IsPostgres)
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({PostgresLockKey})", ct);
            var previous = await db.AuditRecords.AsNoTracking()
                .OrderByDescending(r => r.Id)
                .Select(r => r.Hash)
                .FirstOrDefaultAsync(ct) ?? GenesisHash;
            var record = new AuditRecord
            {
                At = Truncate(clock.GetUtcNow()),
                Actor = entry.Actor,
                Action = entry.Action,
                Subject = entry.Subject,
                Detail = entry.Detail,
                From = entry.From,
                PreviousHash = previous,
                Hash = "",
            };
            record.Hash = ComputeHash(record);
            db.AuditRecords.Add(record);
            await db.SaveChangesAsync(ct);
            if (transaction is not null) await transaction.CommitAsync(ct);
            return record;
        }
        finally
        {
            if (transaction is not null) await transaction.DisposeAsync();
        }
    }

    /// <summary>Walks the whole chain in order and reports the first record that does not fit.</summary>
    public static async Task<ChainVerification> VerifyChainAsync(DoudiDb db, CancellationToken ct = default)
    {
        var expectedPrevious = GenesisHash;
        long count = 0;
        await foreach (var record in db.AuditRecords.AsNoTracking().OrderBy(r => r.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!string.Equals(record.PreviousHash, expectedPrevious, StringComparison.Ordinal))
                return ChainVerification.Broken(count, record.Id, "previous hash does not match the record before (a record was removed, inserted or edited)");
            if (!string.Equals(record.Hash, ComputeHash(record), StringComparison.Ordinal))
                return ChainVerification.Broken(count, record.Id, "hash does not match the record's contents (the record was edited)");
            expectedPrevious = record.Hash;
            count++;
        }
        return new ChainVerification(true, count, null, null);
    }

    /// <summary>sha256(previous hash + every field), fields separated by a unit separator.</summary>
    public static string ComputeHash(AuditRecord record)
    {
        var text = string.Join('\u001F',
            record.PreviousHash,
            record.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            record.Actor,
            record.Action,
            record.Subject,
            record.Detail ?? "\u0000",
            record.From ?? "\u0000");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    // PostgreSQL keeps microseconds: hash what the database will give back.
    private static DateTimeOffset Truncate(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % 10), TimeSpan.Zero);
}

/// <summary>The outcome of walking the chain: intact, or the first record that breaks it.</summary>
public sealed record ChainVerification(bool Intact, long Checked, long? FirstBrokenId, string? Reason)
{
    public static ChainVerification Broken(long checkedBefore, long id, string reason) => new(false, checkedBefore, id, reason);
}
