using Doudi.Persistence;
using Doudi.Registry;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Imports;

/// <summary>Repeat detection: a file (or a pair) with the SHA-256 of an earlier batch changes nothing.</summary>
public static class ImportHistory
{
    public static Task<ImportBatch?> FindAsync(DoudiDb db, string kind, string sha256, CancellationToken ct) =>
        db.ImportBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Kind == kind && b.Sha256 == sha256, ct);
}
