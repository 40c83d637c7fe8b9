using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Doudi.Persistence;

/// <summary>
/// Every SQLite connection runs in WAL mode with synchronous=FULL and foreign keys on, and waits for a
/// busy writer instead of failing at once (serve and CLI commands share the file).
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        cmd.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task VerifyAsync(DoudiDb db, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var journal = await ScalarAsync(connection, "PRAGMA journal_mode", ct);
            var sync = await ScalarAsync(connection, "PRAGMA synchronous", ct);
            var fk = await ScalarAsync(connection, "PRAGMA foreign_keys", ct);
            if (!string.Equals(journal, "wal", StringComparison.OrdinalIgnoreCase) || sync != "2" || fk != "1")
                throw new InvalidOperationException($"SQLite is not in the expected mode: journal_mode={journal}, synchronous={sync}, foreign_keys={fk}");
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<string?> ScalarAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToString(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
