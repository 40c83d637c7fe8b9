using System.Data.Common;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Doudi.Persistence;

/// <summary>
/// The rows of one query with one date parameter (<c>@p0</c>), read forward only: for the reads of millions of rows
/// (the monitoring's registry snapshot). On PostgreSQL it is the provider's data reader. On SQLite the statement is
/// stepped and its columns read straight from SQLite's library: Microsoft.Data.Sqlite makes about three calls into it
/// per value, each taking and releasing the statement's handle, which was half the time of reading 2.5 million
/// members (docs/benchmarks.md, "Monitoring: the registry read").
/// </summary>
internal abstract class Rows : IDisposable
{
    public static Rows Open(DbConnection connection, string sql, DateOnly day) =>
        connection is SqliteConnection sqlite ? new SqliteStatementRows(sqlite, sql, day) : new DataReaderRows(connection, sql, day);

    public abstract bool Read();

    public abstract bool IsDBNull(int column);

    public abstract long GetInt64(int column);

    /// <summary>The column's text; a NULL is an error, as with a data reader.</summary>
    public abstract string GetString(int column);

    public abstract DateOnly GetDate(int column);

    public abstract void Dispose();

    private sealed class DataReaderRows : Rows
    {
        private readonly DbCommand _command;
        private readonly DbDataReader _reader;

        public DataReaderRows(DbConnection connection, string sql, DateOnly day)
        {
            _command = connection.CreateCommand();
            _command.CommandText = sql;
            var parameter = _command.CreateParameter();
            parameter.ParameterName = "@p0";
            parameter.Value = day;
            _command.Parameters.Add(parameter);
            _reader = _command.ExecuteReader();
        }

        public override bool Read() => _reader.Read();

        public override bool IsDBNull(int column) => _reader.IsDBNull(column);

        public override long GetInt64(int column) => _reader.GetInt64(column);

        public override string GetString(int column) => _reader.GetString(column);

        public override DateOnly GetDate(int column) => _reader.GetFieldValue<DateOnly>(column);

        public override void Dispose()
        {
            _reader.Dispose();
            _command.Dispose();
        }
    }

    /// <summary>
    /// A statement prepared on the connection's own SQLite handle. Values are read with SQLite's column functions on the
    /// statement's pointer; the handle object is held until the statement is finalised.
    /// </summary>
    private sealed class SqliteStatementRows : Rows
    {
        private const int Row = 100, Null = 5;
        private readonly sqlite3 _db;
        private readonly sqlite3_stmt _statement;
        private readonly nint _pointer;

        public SqliteStatementRows(SqliteConnection connection, string sql, DateOnly day)
        {
            _db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
            // As every connection of the platform does (SqlitePragmas): wait for a writer rather than fail at once.
            raw.sqlite3_busy_timeout(_db, 30_000);
            SqliteResult.Check(_db, raw.sqlite3_prepare_v2(_db, sql, out _statement));
            var index = raw.sqlite3_bind_parameter_index(_statement, "@p0");
            // Microsoft.Data.Sqlite stores a date as its ISO text, and the queries compare it as text.
            if (index > 0) SqliteResult.Check(_db, raw.sqlite3_bind_text(_statement, index, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            _pointer = _statement.DangerousGetHandle();
        }

        public override bool Read()
        {
            var rc = Native.sqlite3_step(_pointer);
            if (rc == Row) return true;
            SqliteResult.Check(_db, rc);
            return false;
        }

        public override bool IsDBNull(int column) => Native.sqlite3_column_type(_pointer, column) == Null;

        public override long GetInt64(int column) => Native.sqlite3_column_int64(_pointer, column);

        public override string GetString(int column)
        {
            // The text first, then its length in bytes (SQLite's advice: the length then describes the text returned).
            var text = Native.sqlite3_column_text(_pointer, column);
            if (text == 0) throw new InvalidCastException($"Column {column} of the row is NULL.");
            return Marshal.PtrToStringUTF8(text, Native.sqlite3_column_bytes(_pointer, column));
        }

        public override DateOnly GetDate(int column) =>
            DateOnly.ParseExact(GetString(column), "yyyy-MM-dd", CultureInfo.InvariantCulture);

        public override void Dispose() => _statement.Dispose();
    }

    /// <summary>
    /// SQLite's own functions, on the library SQLitePCLRaw loads (named e_sqlite3 in its bundle). The column functions
    /// only read the current row in memory, so they skip the transition to preemptive mode; stepping may read the file
    /// and wait for a lock, so it does not.
    /// </summary>
    private static class Native
    {
        private const string Library = "e_sqlite3";

        [DllImport(Library)]
        public static extern int sqlite3_step(nint statement);

        [DllImport(Library), SuppressGCTransition]
        public static extern int sqlite3_column_type(nint statement, int column);

        [DllImport(Library), SuppressGCTransition]
        public static extern long sqlite3_column_int64(nint statement, int column);

        [DllImport(Library), SuppressGCTransition]
        public static extern nint sqlite3_column_text(nint statement, int column);

        [DllImport(Library), SuppressGCTransition]
        public static extern int sqlite3_column_bytes(nint statement, int column);
    }
}
