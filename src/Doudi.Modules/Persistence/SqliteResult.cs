using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Doudi.Persistence;

/// <summary>The result codes of SQLite's own functions, for the code that calls them directly (bulk writer, large reads).</summary>
internal static class SqliteResult
{
    /// <summary>Throws SQLite's own message for a result other than OK or DONE.</summary>
    public static void Check(sqlite3 db, int rc)
    {
        if (rc is raw.SQLITE_OK or raw.SQLITE_DONE) return;
        throw new SqliteException($"SQLite error {rc}: {raw.sqlite3_errmsg(db).utf8_to_string()}", rc, raw.sqlite3_extended_errcode(db));
    }
}
