using System.Data.Common;
using System.Text.RegularExpressions;
using Doudi.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

namespace Doudi.Imports;

/// <summary>
/// Bulk reads and writes for imports, on the DbContext's own connection and transaction, without EF change
/// tracking (100,000 households must load in seconds). SQLite: one prepared, parameterised command reused
/// for every row. PostgreSQL: binary COPY for inserts and batched commands for updates.
/// SQL is written with <c>@p0</c>, <c>@p1</c>… parameters and quoted identifiers, valid on both.
/// </summary>
public abstract partial class BulkWriter
{
    protected BulkWriter(DbConnection connection, DbTransaction transaction)
    {
        Connection = connection;
        Transaction = transaction;
    }

    protected DbConnection Connection { get; }
    protected DbTransaction Transaction { get; }

    /// <summary>Rows written so far (inserts and updates), for progress.</summary>
    public long RowsWritten { get; private set; }

    /// <summary>Told the phase and the running total of rows written, every few thousand rows.</summary>
    public IProgress<Registry.Import.ImportProgress>? Progress { get; set; }

    /// <summary>Names what is being written now, for progress ("writing members").</summary>
    public string Phase
    {
        get => _phase;
        set
        {
            _phase = value;
            Progress?.Report(new(value, RowsWritten));
        }
    }

    private string _phase = "writing";

    protected void Counted()
    {
        RowsWritten++;
        if (RowsWritten % 5000 == 0) Progress?.Report(new(_phase, RowsWritten));
    }

    /// <param name="cacheMiB">
    /// SQLite's page cache for the writing connection. Large for imports that revisit index pages; small for a long
    /// transaction written while other work goes on (the alert writer): SQLite then spills pages to the log as it goes
    /// and leaves the commit less to write.
    /// </param>
    public static BulkWriter For(DoudiDb db, int cacheMiB = 256)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("BulkWriter needs an open transaction (db.Database.BeginTransactionAsync)");
        var connection = db.Database.GetDbConnection();
        if (db.IsPostgres) return new PostgresBulkWriter(connection, transaction);
        // The default 2 MB page cache thrashes on index inserts of a few hundred thousand rows; this connection
        // may use up to 256 MB while it lives (memory is taken only as pages are touched).
        using (var pragma = connection.CreateCommand())
        {
            pragma.Transaction = transaction;
            pragma.CommandText = $"PRAGMA cache_size = -{cacheMiB * 1024};";
            pragma.ExecuteNonQuery();
            // SQLite refuses to move temporary storage inside a transaction once the connection has used it (the SQL
            // monitoring engine's temp tables); the default then stays.
            pragma.CommandText = "PRAGMA temp_store = MEMORY;";
            try
            {
                pragma.ExecuteNonQuery();
            }
            catch (SqliteException e) when (e.SqliteErrorCode == 1)
            {
            }
        }
        return new SqliteBulkWriter(connection, transaction);
    }

    public abstract Task InsertAsync(string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows, CancellationToken ct);

    /// <summary>Whether <see cref="InsertAsync(string, IReadOnlyList{string}, IEnumerable{object?[]}, List{long}, CancellationToken)"/> can tell each new row's id.</summary>
    public virtual bool TellsIds => false;

    /// <summary>
    /// Inserts rows into a table keyed by an integer "Id" the database assigns, and adds each row's new id to
    /// <paramref name="ids"/> in the rows' order. Only where <see cref="TellsIds"/> (SQLite gives the id as each row is
    /// written; PostgreSQL's COPY does not).
    /// </summary>
    public virtual Task InsertAsync(string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows, List<long> ids, CancellationToken ct) =>
        throw new NotSupportedException("This database does not tell the ids of copied rows.");

    /// <summary>Runs one parameterised statement once per row of arguments (updates, deletes).</summary>
    public abstract Task ExecuteAsync(string sql, IEnumerable<object?[]> rows, CancellationToken ct);

    public async Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> map, CancellationToken ct, params object?[] args)
    {
        await using var command = Command(sql, args.Length);
        for (var i = 0; i < args.Length; i++) command.Parameters[i].Value = args[i] ?? DBNull.Value;
        await using var reader = await command.ExecuteReaderAsync(ct);
        var list = new List<T>();
        while (await reader.ReadAsync(ct)) list.Add(map(reader));
        return list;
    }

    public async Task<object?> ScalarAsync(string sql, CancellationToken ct, params object?[] args)
    {
        await using var command = Command(sql, args.Length);
        for (var i = 0; i < args.Length; i++) command.Parameters[i].Value = args[i] ?? DBNull.Value;
        var value = await command.ExecuteScalarAsync(ct);
        return value is DBNull ? null : value;
    }

    protected virtual DbCommand Command(string sql, int parameters)
    {
        var command = Connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = sql;
        for (var i = 0; i < parameters; i++)
        {
            var p = command.CreateParameter();
            p.ParameterName = "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            command.Parameters.Add(p);
        }
        return command;
    }

    protected static string Quote(string identifier) => "\"" + identifier + "\"";

    [GeneratedRegex(@"@p(\d+)", RegexOptions.CultureInvariant)]
    protected static partial Regex ParameterPattern();
}

internal sealed class SqliteBulkWriter(DbConnection connection, DbTransaction transaction) : BulkWriter(connection, transaction)
{
    public override bool TellsIds => true;

    public override Task InsertAsync(string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows, CancellationToken ct) =>
        Insert(table, columns, rows, null, ct);

    public override Task InsertAsync(string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows, List<long> ids, CancellationToken ct) =>
        Insert(table, columns, rows, ids, ct);

    private Task Insert(string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows, List<long>? ids, CancellationToken ct)
    {
        // Synchronous on purpose, as ExecuteAsync below. Rows of plain values (text, integers, dates, nulls: alerts,
        // evidence, decisions) are bound by position straight into one prepared SQLite statement, which costs a
        // fraction of a parameterised command per row; any other value goes through Microsoft.Data.Sqlite, which
        // knows how EF stores it (decimals, timestamps).
        var sql = $"INSERT INTO {Quote(table)} ({string.Join(", ", columns.Select(Quote))}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))})";
        var db = ((SqliteConnection)Connection).Handle!;
        SqliteResult.Check(db, raw.sqlite3_prepare_v2(db, sql, out var statement));
        SqliteCommand? general = null;
        try
        {
            foreach (var row in rows)
            {
                ct.ThrowIfCancellationRequested();
                if (!TryBindPlain(statement, row))
                {
                    Run(general ??= Prepared(sql, columns.Count), row);
                }
                else
                {
                    var done = raw.sqlite3_step(statement);
                    raw.sqlite3_reset(statement);
                    if (done != raw.SQLITE_DONE) SqliteResult.Check(db, done);
                    Counted();
                }
                // The connection's last inserted row is this one: nothing else writes on it meanwhile.
                ids?.Add(raw.sqlite3_last_insert_rowid(db));
            }
        }
        finally
        {
            statement.Dispose();
            general?.Dispose();
        }
        return Task.CompletedTask;
    }

    private SqliteCommand Prepared(string sql, int parameters)
    {
        var command = (SqliteCommand)Command(sql, parameters);
        command.Prepare();
        return command;
    }

    private void Run(SqliteCommand command, object?[] row)
    {
        for (var i = 0; i < row.Length; i++) command.Parameters[i].Value = row[i] ?? DBNull.Value;
        command.ExecuteNonQuery();
        Counted();
    }

    /// <summary>Binds the row when every value is plain; false (nothing to run) when one is not.</summary>
    private static bool TryBindPlain(sqlite3_stmt statement, object?[] row)
    {
        foreach (var value in row)
        {
            if (value is not (null or string or long or int or bool or DateOnly)) return false;
        }
        for (var i = 0; i < row.Length; i++)
        {
            var at = i + 1;
            var rc = row[i] switch
            {
                null => raw.sqlite3_bind_null(statement, at),
                string s => raw.sqlite3_bind_text(statement, at, s),
                long l => raw.sqlite3_bind_int64(statement, at, l),
                int n => raw.sqlite3_bind_int64(statement, at, n),
                bool b => raw.sqlite3_bind_int64(statement, at, b ? 1 : 0),
                DateOnly d => raw.sqlite3_bind_text(statement, at, d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
                _ => throw new InvalidOperationException("not a plain value"),
            };
            if (rc != raw.SQLITE_OK) throw new SqliteException($"binding parameter {at}: SQLite error {rc}", rc);
        }
        return true;
    }

    public override Task ExecuteAsync(string sql, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        // Synchronous on purpose: Microsoft.Data.Sqlite has no real async I/O, and the per-row Task costs time.
        using var command = Prepared(sql, ParameterPattern().Matches(sql).Select(m => m.Value).Distinct().Count());
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            Run(command, row);
        }
        return Task.CompletedTask;
    }
}

internal sealed class PostgresBulkWriter(DbConnection connection, DbTransaction transaction) : BulkWriter(connection, transaction)
{
    private const int BatchSize = 500;

    public override async Task InsertAsync(string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        var npgsql = (NpgsqlConnection)Connection;
        var copy = $"COPY {Quote(table)} ({string.Join(", ", columns.Select(Quote))}) FROM STDIN (FORMAT BINARY)";
        await using var importer = await npgsql.BeginBinaryImportAsync(copy, ct);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            foreach (var value in row) Write(importer, value);
            Counted();
        }
        await importer.CompleteAsync(ct);
    }

    private static void Write(NpgsqlBinaryImporter importer, object? value)
    {
        switch (value)
        {
            case null: importer.WriteNull(); break;
            case string s: importer.Write(s, NpgsqlDbType.Text); break;
            case long l: importer.Write(l, NpgsqlDbType.Bigint); break;
            case int i: importer.Write(i, NpgsqlDbType.Integer); break;
            case decimal d: importer.Write(d, NpgsqlDbType.Numeric); break;
            case bool b: importer.Write(b, NpgsqlDbType.Boolean); break;
            case DateOnly d: importer.Write(d, NpgsqlDbType.Date); break;
            case DateTimeOffset t: importer.Write(t.ToUniversalTime(), NpgsqlDbType.TimestampTz); break;
            default: throw new NotSupportedException($"COPY of {value.GetType().Name}");
        }
    }

    public override async Task ExecuteAsync(string sql, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        var positional = ToPositional(sql);
        var npgsql = (NpgsqlConnection)Connection;
        var batch = new NpgsqlBatch(npgsql, (NpgsqlTransaction)Transaction);
        try
        {
            foreach (var row in rows)
            {
                var command = new NpgsqlBatchCommand(positional);
                foreach (var value in row) command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
                batch.BatchCommands.Add(command);
                Counted();
                if (batch.BatchCommands.Count == BatchSize)
                {
                    await batch.ExecuteNonQueryAsync(ct);
                    await batch.DisposeAsync();
                    batch = new NpgsqlBatch(npgsql, (NpgsqlTransaction)Transaction);
                }
            }
            if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            await batch.DisposeAsync();
        }
    }

    protected override DbCommand Command(string sql, int parameters)
    {
        var command = new NpgsqlCommand(ToPositional(sql), (NpgsqlConnection)Connection, (NpgsqlTransaction)Transaction);
        for (var i = 0; i < parameters; i++) command.Parameters.Add(new NpgsqlParameter());
        return command;
    }

    /// <summary>@p0 → $1: positional parameters, which Npgsql sends without rewriting the SQL.</summary>
    private static string ToPositional(string sql) =>
        ParameterPattern().Replace(sql, m => "$" + (int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
}
