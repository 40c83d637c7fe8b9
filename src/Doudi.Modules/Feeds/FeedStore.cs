using System.Globalization;
using System.Text;
using Doudi.Persistence;
using DuckDB.NET.Data;

namespace Doudi.Feeds;

/// <summary>
/// The feed rows, kept by DuckDB beside the transactional database (docs/adr/0003): each batch's rows in a Parquet
/// file of their own (<see cref="BatchesPath"/>), plus rows stores of earlier versions kept in the tables of the
/// DuckDB file. Every row carries the id of the <c>ImportBatch</c> that brought it; only rows of batches committed in
/// the transactional database exist for readers, so the transactional database is the one source of truth.
/// A stored row is never updated in place: a re-sent key is a new row of a later batch, and the row of the
/// latest committed batch is the current one.
/// Connections are short-lived, one per operation, so <c>serve</c> and CLI commands take turns on the file.
/// </summary>
public sealed class FeedStore(string path, string memoryLimit = FeedStore.DefaultMemoryLimit)
{
    public const string DefaultMemoryLimit = "1GB";

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>The folder of the batches' Parquet files: <c>data/doudi.feeds.duckdb</c> → <c>data/doudi.feeds.batches/TABLE/BATCH.parquet</c>.</summary>
    public string BatchesPath => System.IO.Path.ChangeExtension(Path, ".batches");

    private string BatchFolder(FeedType type) => System.IO.Path.Combine(BatchesPath, type.Table);

    private string BatchPath(FeedType type, long batchId) => System.IO.Path.Combine(BatchFolder(type), $"{batchId}.parquet");

    // The DuckDB file's list of batch files (feed table, batch id). A file counts only once listed, in the DuckDB
    // transaction that wrote it; anything else in the folder (a store deleted without its folder, a crash before the
    // commit) is never read and the next write of its type removes it.
    private const string FileList = "batch_files";

    private static async Task<Dictionary<string, List<long>>> ListedFiles(DuckDBConnection connection, CancellationToken ct)
    {
        var listed = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT feed_table, batch_id FROM feeds.{FileList} ORDER BY batch_id";
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var table = reader.GetString(0);
            if (!listed.TryGetValue(table, out var ids)) listed[table] = ids = [];
            ids.Add(reader.GetInt64(1));
        }
        return listed;
    }

    /// <summary><c>data/doudi.db</c> → <c>data/doudi.feeds.duckdb</c>; PostgreSQL: DOUDI_FEEDS or data/doudi.feeds.duckdb.</summary>
    public static FeedStore For(DatabaseLocation location, string? feedsPath = null)
    {
        var explicitPath = feedsPath ?? Environment.GetEnvironmentVariable("DOUDI_FEEDS");
        var memory = Environment.GetEnvironmentVariable("DOUDI_FEEDS_MEMORY") ?? DefaultMemoryLimit;
        if (!string.IsNullOrWhiteSpace(explicitPath)) return new FeedStore(explicitPath, memory);
        if (location.IsPostgres) return new FeedStore("data/doudi.feeds.duckdb", memory);
        var db = location.SqlitePath!;
        var stem = System.IO.Path.GetFileNameWithoutExtension(db);
        return new FeedStore(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(db))!, stem + ".feeds.duckdb"), memory);
    }

    /// <summary>
    /// Opens an in-memory DuckDB session with the feed file attached as <c>feeds</c> (read-only unless
    /// <paramref name="write"/>). DuckDB lets one process hold the file for writing: another process waits
    /// and retries for up to <paramref name="wait"/>.
    /// </summary>
    public async Task<DuckDBConnection> OpenAsync(bool write, TimeSpan? wait = null, CancellationToken ct = default)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        if (!File.Exists(Path) && !write)
        {
            // A store nobody has written to yet: create it empty so readers see empty tables.
            await using var init = await OpenAsync(true, wait, ct);
        }
        var deadline = DateTime.UtcNow + (wait ?? TimeSpan.FromSeconds(30));
        var delay = 50;
        while (true)
        {
            var connection = new DuckDBConnection("DataSource=:memory:");
            try
            {
                await connection.OpenAsync(ct);
                await Execute(connection, $"SET memory_limit = '{memoryLimit}'", ct);
                // Row order in a batch means nothing (readers order by key and batch): let DuckDB read and write in parallel.
                await Execute(connection, "SET preserve_insertion_order = false", ct);
                var mode = write ? "" : " (READ_ONLY)";
                await Execute(connection, $"ATTACH '{Path.Replace("'", "''", StringComparison.Ordinal)}' AS feeds{mode}", ct);
                if (write) await EnsureSchema(connection, ct);
                await Execute(connection, "USE feeds", ct);
                return connection;
            }
            catch (DuckDBException e) when (IsLock(e) && DateTime.UtcNow < deadline)
            {
                await connection.DisposeAsync();
                await Task.Delay(delay, ct);
                delay = Math.Min(delay * 2, 1000);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }
    }

    private static bool IsLock(DuckDBException e) =>
        e.Message.Contains("lock", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("in use", StringComparison.OrdinalIgnoreCase);

    private static async Task EnsureSchema(DuckDBConnection connection, CancellationToken ct)
    {
        foreach (var type in FeedTypes.All)
        {
            var columns = string.Join(", ", type.Columns.Select(c => $"{c.Name} {c.DuckType}"));
            await Execute(connection, $"CREATE TABLE IF NOT EXISTS feeds.{type.Table} (batch_id BIGINT NOT NULL, {columns})", ct);
        }
        await Execute(connection, $"CREATE TABLE IF NOT EXISTS feeds.{FileList} (feed_table VARCHAR NOT NULL, batch_id BIGINT NOT NULL)", ct);
    }

    private static readonly bool Trace = Environment.GetEnvironmentVariable("DOUDI_FEEDS_TRACE") == "1";

    /// <summary>Runs one statement; the rows it changed (inserted, deleted).</summary>
    internal static async Task<long> Execute(DuckDBConnection connection, string sql, CancellationToken ct)
    {
        var clock = Trace ? System.Diagnostics.Stopwatch.StartNew() : null;
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var changed = await command.ExecuteNonQueryAsync(ct);
        if (clock is not null) await Console.Error.WriteLineAsync($"duckdb {clock.Elapsed.TotalSeconds:0.000} s: {sql[..Math.Min(sql.Length, 110)]}");
        return changed;
    }

    /// <summary>
    /// Fills the temp table <c>committed(id)</c> with the batches the transactional database holds, and defines for
    /// every type the temp view <see cref="Rows"/>: the listed Parquet files of those batches (a file of a batch not
    /// committed, which the next write removes, is never opened) and the rows kept in the DuckDB file's table.
    /// </summary>
    internal async Task LoadCommitted(DuckDBConnection connection, IEnumerable<long> committed, CancellationToken ct)
    {
        var ids = committed.ToHashSet();
        await Execute(connection, "CREATE OR REPLACE TEMP TABLE committed (id BIGINT)", ct);
        using (var appender = connection.CreateAppender("temp", "main", "committed"))
        {
            foreach (var id in ids) appender.CreateRow().AppendValue(id).EndRow();
        }
        var tables = await Tables(connection, ct);
        // A store no version with batch files has written to yet has no list.
        var listed = tables.ContainsKey(FileList) ? await ListedFiles(connection, ct) : [];
        foreach (var type in FeedTypes.All)
        {
            var files = listed.GetValueOrDefault(type.Table, []).Where(ids.Contains).Select(id => BatchPath(type, id)).ToList();
            if (files.FirstOrDefault(f => !File.Exists(f)) is { } missing)
                throw new FeedStoreDamagedException($"部门数据存储缺少已提交批次的文件 {missing}（{type.Name}，批次 {System.IO.Path.GetFileNameWithoutExtension(missing)}）。" +
                    $"请从备份中恢复该文件（{BatchesPath} 须与数据库和 {Path} 一同备份）；在恢复之前，读取部门数据的功能都无法使用。");
            var withTable = tables.GetValueOrDefault(type.Table) > 0;
            await Execute(connection, $"CREATE OR REPLACE TEMP VIEW {Rows(type)} AS {Union(type, withTable, files)}", ct);
        }
    }

    /// <summary>The relation of a type's stored rows, batch by batch (the readers filter by <c>committed</c>).</summary>
    internal static string Rows(FeedType type) => type.Table + "_rows";

    private static string Union(FeedType type, bool withTable, IReadOnlyList<string> files)
    {
        var columns = string.Join(", ", type.Columns.Select(c => c.Name));
        var parts = new List<string>();
        if (withTable || files.Count == 0) parts.Add($"SELECT batch_id, {columns} FROM feeds.{type.Table}");
        // A file holds one batch's rows, and is named after the batch: BATCH.parquet. By name: a column added to a type
        // later reads as NULL in the files written before.
        if (files.Count > 0)
            parts.Add($"SELECT CAST(parse_filename(filename, true) AS BIGINT) AS batch_id, {columns} " +
                $"FROM read_parquet([{string.Join(", ", files.Select(f => $"'{Quote(f)}'"))}], union_by_name = true, filename = true)");
        return string.Join(" UNION ALL ", parts);
    }

    // The tables of the DuckDB file with about how many rows each holds (a feed table holds rows when an earlier version
    // wrote them, or deleted rows not yet vacuumed).
    private static async Task<Dictionary<string, long>> Tables(DuckDBConnection connection, CancellationToken ct)
    {
        var tables = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT table_name, estimated_size FROM duckdb_tables() WHERE database_name = 'feeds'";
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) tables[reader.GetString(0)] = reader.GetInt64(1);
        return tables;
    }

    /// <summary>
    /// How many rows the store holds for a type, of every batch, committed or not, listed or not: every Parquet file in
    /// the type's folder and the DuckDB file's table (tests: nothing half-written).
    /// </summary>
    public async Task<long> StoredRowCountAsync(FeedType type, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(false, ct: ct);
        var folder = BatchFolder(type);
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.parquet").Order(StringComparer.Ordinal).ToList() : [];
        return (await Scalars(connection, $"SELECT count(*) FROM ({Union(type, true, files)})", ct))[0];
    }

    /// <summary>SQL for the current rows of a type: the latest committed batch's row for each natural key.</summary>
    internal static string CurrentRows(FeedType type) =>
        $"SELECT * FROM {Rows(type)} WHERE batch_id IN (SELECT id FROM committed) " +
        $"QUALIFY row_number() OVER (PARTITION BY {string.Join(", ", type.Key)} ORDER BY batch_id DESC) = 1";

    /// <summary>
    /// Writes one batch's accepted rows (one per natural key, values parsed) and commits them in DuckDB.
    /// Rows identical to the current stored row are not written again and are counted as unchanged.
    /// Leftovers of batches the transactional database never committed are removed first.
    /// </summary>
    public async Task<WriteOutcome> WriteBatchAsync(FeedType type, long batchId, IReadOnlyCollection<long> committed,
        IEnumerable<object?[]> rows, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(true, ct: ct);
        await LoadCommitted(connection, committed, ct);
        using var file = NewBatchFile(type, batchId);
        await Execute(connection, "BEGIN TRANSACTION", ct);
        try
        {
            await RemoveLeftovers(connection, type, batchId, ct);
            await Execute(connection, $"CREATE OR REPLACE TEMP TABLE stage AS SELECT * FROM feeds.{type.Table} LIMIT 0", ct);
            using (var appender = connection.CreateAppender("temp", "main", "stage"))
            {
                foreach (var values in rows)
                {
                    var row = appender.CreateRow().AppendValue(batchId);
                    for (var i = 0; i < values.Length; i++) Append(row, values[i]);
                    row.EndRow();
                }
            }
            var outcome = await CompareAndInsert(connection, type, committed.Count > 0, file, ct);
            await file.PublishAsync(connection, type, batchId, ct);
            await Execute(connection, "COMMIT", ct);
            await RemoveUnlistedFiles(connection, type, ct);
            return outcome;
        }
        catch
        {
            await Execute(connection, "ROLLBACK", CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// Writes one batch read by <see cref="FeedFileReader"/> and commits it in DuckDB. The reader wrote the accepted rows
    /// to the staging Parquet file at <paramref name="stagePath"/> (<see cref="NewStagePath"/>), in file order. The later
    /// row of a key in the file wins, and rows identical to the current stored row are not written again. On a first
    /// import of the type with no repeated key, the staging file becomes the batch's file as it is. Leftovers of batches
    /// the transactional database never committed are removed first.
    /// </summary>
    internal async Task<StagedOutcome> WriteStagedBatchAsync(FeedType type, long batchId, IReadOnlyCollection<long> committed,
        string stagePath, FeedFileRead file, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(true, ct: ct);
        await LoadCommitted(connection, committed, ct);
        using var batchFile = NewBatchFile(type, batchId);
        var staged = $"read_parquet('{Quote(stagePath)}', file_row_number = true)";
        var keys = string.Join(", ", type.Key);
        var names = string.Join(", ", type.Columns.Select(c => c.Name));
        var repeated = new List<(int Block, int Line)>();
        // Null: every staged row is kept.
        string? source = null;
        if (file.MaybeRepeatedKeys && await LosersByPlaceAsync(connection, type, staged, file.Repeats, ct))
        {
            // Every pair of equal key hashes was a repeated key: the earlier rows lose, found by their place in the file.
            repeated.AddRange(file.Repeats.Take(5).Select(r => (r.LaterBlock, r.LaterLine)));
            source = $"{staged} s WHERE NOT EXISTS (SELECT 1 FROM losers l WHERE l.r = s.file_row_number)";
        }
        else if (file.MaybeRepeatedKeys)
        {
            // Two different keys with one hash (a collision): rank the rows of every key instead. Each row that repeats a
            // key was one of the pairs' later rows (equal keys hash equally), which knows its line.
            var lines = file.Repeats.ToDictionary(r => r.LaterRow, r => (r.LaterBlock, r.LaterLine));
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = $"SELECT file_row_number FROM {staged} QUALIFY row_number() OVER (PARTITION BY {keys} ORDER BY file_row_number) > 1 ORDER BY 1 LIMIT 5";
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) repeated.Add(lines[reader.GetInt64(0)]);
            }
            source = $"{staged} QUALIFY row_number() OVER (PARTITION BY {keys} ORDER BY file_row_number DESC) = 1";
        }
        // No batch of this type committed yet (a first import): every kept row is new, so there is no staging table and
        // no comparison (docs/adr/0003).
        var nothingStored = committed.Count == 0;
        var stagedRows = (await Scalars(connection, $"SELECT count(*) FROM {staged}", ct))[0];
        if (!nothingStored)
            await Execute(connection, $"CREATE OR REPLACE TEMP TABLE stage AS SELECT {batchId}::BIGINT AS batch_id, {names} FROM {source ?? staged}", ct);
        await Execute(connection, "BEGIN TRANSACTION", ct);
        try
        {
            await RemoveLeftovers(connection, type, batchId, ct);
            WriteOutcome outcome;
            long kept;
            if (nothingStored)
            {
                kept = source is null ? batchFile.Adopt(stagePath, file.Accepted) : await batchFile.WriteAsync(connection, $"SELECT {names} FROM {source}", ct);
                outcome = new WriteOutcome(kept, 0, 0);
            }
            else
            {
                outcome = await CompareAndInsert(connection, type, true, batchFile, ct);
                kept = outcome.New + outcome.Replaced + outcome.Unchanged;
            }
            // DuckDB must have found exactly the rows the reader accepted in the staging file (a guard on the two agreeing).
            if (stagedRows != file.Accepted)
                throw new InvalidOperationException($"feed {type.Name}: DuckDB read {stagedRows} rows, the reader accepted {file.Accepted}");
            await batchFile.PublishAsync(connection, type, batchId, ct);
            await Execute(connection, "COMMIT", ct);
            await RemoveUnlistedFiles(connection, type, ct);
            return new StagedOutcome(outcome, (int)(stagedRows - kept), repeated);
        }
        catch
        {
            await Execute(connection, "ROLLBACK", CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// Where a reader writes a staging file: beside the batch files (so that the first import of a type can rename it
    /// into place), in a folder no write of a type cleans up. Staging files more than a day old are crash leftovers and go.
    /// </summary>
    internal string NewStagePath()
    {
        var folder = System.IO.Path.Combine(BatchesPath, "staging");
        Directory.CreateDirectory(folder);
        foreach (var old in new DirectoryInfo(folder).EnumerateFiles().Where(f => f.LastWriteTimeUtc < DateTime.UtcNow.AddDays(-1)))
        {
            try
            {
                old.Delete();
            }
            catch (IOException)
            {
                // Another process removes it at the same time.
            }
        }
        return System.IO.Path.Combine(folder, $"{Guid.NewGuid():N}.parquet");
    }

    /// <summary>
    /// Checks that each pair of rows the reader found with equal key hashes has equal keys, reading only the key columns
    /// of the staging file. If so, the temp table <c>losers(r)</c> holds the earlier row of each pair (the later row of a
    /// key wins) and the result is true: no ranking of every row by key is needed.
    /// </summary>
    private static async Task<bool> LosersByPlaceAsync(DuckDBConnection connection, FeedType type, string staged,
        IReadOnlyList<KeyRepeat> repeats, CancellationToken ct)
    {
        await Execute(connection, "CREATE OR REPLACE TEMP TABLE pairs (e BIGINT, l BIGINT)", ct);
        using (var appender = connection.CreateAppender("temp", "main", "pairs"))
        {
            foreach (var r in repeats) appender.CreateRow().AppendValue(r.EarlierRow).AppendValue(r.LaterRow).EndRow();
        }
        var keys = string.Join(", ", type.Key);
        var same = string.Join(" AND ", type.Key.Select(k => $"e.{k} IS NOT DISTINCT FROM l.{k}"));
        var counts = await Scalars(connection, $"WITH k AS (SELECT file_row_number AS r, {keys} FROM {staged} " +
            "WHERE file_row_number IN (SELECT e FROM pairs UNION ALL SELECT l FROM pairs)) " +
            $"SELECT count(*), count(*) FILTER (WHERE {same}) FROM pairs p JOIN k e ON e.r = p.e JOIN k l ON l.r = p.l", ct);
        if (counts[0] != repeats.Count || counts[1] != repeats.Count) return false;
        await Execute(connection, "CREATE OR REPLACE TEMP TABLE losers AS SELECT DISTINCT e AS r FROM pairs", ct);
        return true;
    }

    /// <summary>
    /// Compares the temp table <c>stage</c> (one row per key) with the current stored rows of its keys, writes the new
    /// and changed rows to the batch's file and counts them. Without <paramref name="maybeStored"/> (no committed
    /// batch) or when none of the staged keys is stored, every row is new: written as they are, no comparison.
    /// </summary>
    private static async Task<WriteOutcome> CompareAndInsert(DuckDBConnection connection, FeedType type, bool maybeStored, BatchFile file, CancellationToken ct)
    {
        var keyMatch = string.Join(" AND ", type.Key.Select(k => $"c.{k} = s.{k}"));
        var same = string.Join(" AND ", type.Columns.Select(c => $"c.{c.Name} IS NOT DISTINCT FROM s.{c.Name}"));
        var names = string.Join(", ", type.Columns.Select(c => c.Name));
        // The current stored rows of the staged keys only: on a large store most keys are not re-sent.
        if (maybeStored)
        {
            await Execute(connection,
                $"CREATE OR REPLACE TEMP TABLE cur AS SELECT * FROM {Rows(type)} c WHERE batch_id IN (SELECT id FROM committed) " +
                $"AND EXISTS (SELECT 1 FROM stage s WHERE {keyMatch}) " +
                $"QUALIFY row_number() OVER (PARTITION BY {string.Join(", ", type.Key)} ORDER BY batch_id DESC) = 1", ct);
        }
        if (!maybeStored || (await Scalars(connection, "SELECT count(*) FROM cur", ct))[0] == 0)
            return new WriteOutcome(await file.WriteAsync(connection, $"SELECT {names} FROM stage", ct), 0, 0);
        var counts = await Scalars(connection,
            $"SELECT count(*), count(c.batch_id), count(*) FILTER (WHERE c.batch_id IS NOT NULL AND {same}) " +
            $"FROM stage s LEFT JOIN cur c ON {keyMatch}", ct);
        await file.WriteAsync(connection, $"SELECT {string.Join(", ", type.Columns.Select(c => "s." + c.Name))} FROM stage s WHERE NOT EXISTS (SELECT 1 FROM cur c WHERE {keyMatch} AND {same})", ct);
        return new WriteOutcome(counts[0] - counts[1], counts[1] - counts[2], counts[2]);
    }

    /// <summary>The file a batch's rows go to, in the type's folder, under a name readers never list until published.</summary>
    private BatchFile NewBatchFile(FeedType type, long batchId)
    {
        Directory.CreateDirectory(BatchFolder(type));
        return new BatchFile(BatchPath(type, batchId));
    }

    // What the DuckDB file holds of batches not committed in the transactional database (a crash between the two
    // commits), or of this batch id: their rows in the type's table (written by an earlier version) and their files'
    // places in the list. Their files go once the write commits (RemoveUnlistedFiles).
    private static async Task RemoveLeftovers(DuckDBConnection connection, FeedType type, long batchId, CancellationToken ct)
    {
        var leftover = $"batch_id = {batchId} OR batch_id NOT IN (SELECT id FROM committed)";
        await Execute(connection, $"DELETE FROM feeds.{type.Table} WHERE {leftover}", ct);
        await Execute(connection, $"DELETE FROM feeds.{FileList} WHERE feed_table = '{type.Table}' AND ({leftover})", ct);
    }

    /// <summary>
    /// Removes the files of the type's folder the DuckDB file does not list: files of batches whose place was removed,
    /// files never listed, unfinished files. A reader opens only listed files of committed batches, and a batch removed
    /// from the list was not committed, so no reader has such a file open.
    /// </summary>
    private async Task RemoveUnlistedFiles(DuckDBConnection connection, FeedType type, CancellationToken ct)
    {
        var listed = (await ListedFiles(connection, ct)).GetValueOrDefault(type.Table, []).Select(id => BatchPath(type, id)).ToHashSet(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(BatchFolder(type)))
        {
            if (!listed.Contains(file)) File.Delete(file);
        }
    }

    /// <summary>
    /// A batch's Parquet file while it is written: under a temporary name until <see cref="PublishAsync"/> flushes it to
    /// disk, renames it into place and lists it. Disposed without being published, it is removed.
    /// </summary>
    private sealed class BatchFile(string path) : IDisposable
    {
        private readonly string _unfinished = System.IO.Path.ChangeExtension(path, ".parquet.tmp");
        private long _rows;

        /// <summary>Writes the rows <paramref name="select"/> gives (zstd, DuckDB's row groups); the number written.</summary>
        public async Task<long> WriteAsync(DuckDBConnection connection, string select, CancellationToken ct) =>
            _rows = await Execute(connection, $"COPY ({select}) TO '{Quote(_unfinished)}' (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1, PARQUET_VERSION V2)", ct);

        /// <summary>Takes a complete file of <paramref name="rows"/> rows (a staging file) as the batch's, by renaming it.</summary>
        public long Adopt(string file, long rows)
        {
            File.Move(file, _unfinished, overwrite: true);
            return _rows = rows;
        }

        /// <summary>
        /// Makes the file the batch's and lists it, in the caller's DuckDB transaction: readers see it once that commits
        /// (a batch with no new or changed row keeps no file).
        /// </summary>
        public async Task PublishAsync(DuckDBConnection connection, FeedType type, long batchId, CancellationToken ct)
        {
            if (_rows == 0) return;
            using (var stream = new FileStream(_unfinished, FileMode.Open, FileAccess.ReadWrite)) stream.Flush(flushToDisk: true);
            File.Move(_unfinished, path, overwrite: true);
            DirectorySync.Flush(System.IO.Path.GetDirectoryName(path)!);
            await Execute(connection, $"INSERT INTO feeds.{FileList} VALUES ('{type.Table}', {batchId})", ct);
        }

        public void Dispose()
        {
            if (File.Exists(_unfinished)) File.Delete(_unfinished);
        }
    }

    private static string Quote(string path) => path.Replace("'", "''", StringComparison.Ordinal);

    private static void Append(IDuckDBAppenderRow row, object? value)
    {
        switch (value)
        {
            case null: row.AppendNullValue(); break;
            case string s: row.AppendValue(s); break;
            case DateOnly d: row.AppendValue((DateOnly?)d); break;
            case decimal m: row.AppendValue(m); break;
            case int i: row.AppendValue(i); break;
            default: throw new ArgumentException($"unexpected feed value {value.GetType()}", nameof(value));
        }
    }

    /// <summary>How many rows the type's table holds, of every batch (DuckDB knows it without reading them).</summary>
    public static async Task<long> RowCountAsync(DuckDBConnection connection, FeedType type, CancellationToken ct) =>
        (await Scalars(connection, $"SELECT count(*) FROM {Rows(type)}", ct))[0];

    private static async Task<long[]> Scalars(DuckDBConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var result = new long[reader.FieldCount];
        for (var i = 0; i < result.Length; i++) result[i] = Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture);
        return result;
    }

    /// <summary>
    /// Streams the current rows about the people in the temp table <c>wanted(id)</c>, reading only the keys
    /// those people appear under: a few people's rows without ranking the whole table (household verification).
    /// The current row of such a key may now name someone else (a plate sold on): it is then not returned.
    /// </summary>
    public static IAsyncEnumerable<FeedRow> ReadCurrentAboutWantedAsync(DuckDBConnection connection, FeedType type, CancellationToken ct = default)
    {
        var keyMatch = string.Join(" AND ", type.Key.Select(k => $"w.{k} = t.{k}"));
        var rows = $"SELECT * FROM {Rows(type)} t WHERE t.batch_id IN (SELECT id FROM committed) " +
                   $"AND EXISTS (SELECT 1 FROM {Rows(type)} w WHERE w.id_number IN (SELECT id FROM wanted) AND {keyMatch}) " +
                   $"QUALIFY row_number() OVER (PARTITION BY {string.Join(", ", type.Key.Select(k => "t." + k))} ORDER BY t.batch_id DESC) = 1";
        return ReadAsync(connection, type, rows, " WHERE id_number IN (SELECT id FROM wanted)", ct);
    }

    /// <summary>
    /// Streams the current rows of a type in canonical text form, optionally only those whose
    /// <c>id_number</c> is in the temp table <c>wanted(id)</c> the caller filled.
    /// </summary>
    public static IAsyncEnumerable<FeedRow> ReadCurrentAsync(DuckDBConnection connection, FeedType type, bool onlyWanted, CancellationToken ct = default) =>
        ReadCurrentAsync(connection, type, onlyWanted, null, ct);

    /// <summary>
    /// As above, keeping only the current rows that pass <paramref name="filter"/> (SQL over the type's columns):
    /// monitoring asks for just the rows a rule could use, so millions of rows stay in DuckDB.
    /// </summary>
    public static async IAsyncEnumerable<FeedRow> ReadCurrentAsync(DuckDBConnection connection, FeedType type, bool onlyWanted, RowFilter? filter,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var current = await CurrentRowsAsync(connection, type, ct);
        var conditions = new List<string>();
        if (onlyWanted) conditions.Add("id_number IN (SELECT id FROM wanted)");
        if (filter?.Where is { } where) conditions.Add("(" + where.Replace(RowFilter.Current, "(" + current + ")", StringComparison.Ordinal) + ")");
        var tail = (conditions.Count > 0 ? " WHERE " + string.Join(" AND ", conditions) : "") + (filter?.Qualify is { } q ? " QUALIFY " + q : "");
        await foreach (var row in ReadAsync(connection, type, current, tail, ct))
            yield return row;
    }

    /// <summary>
    /// <see cref="CurrentRows"/>, without ranking every row when at most one committed batch holds rows of the type:
    /// a batch holds one row per key, so its rows are then the current ones (the usual case after a first load).
    /// </summary>
    internal static async Task<string> CurrentRowsAsync(DuckDBConnection connection, FeedType type, CancellationToken ct)
    {
        var batches = await Scalars(connection, $"SELECT count(DISTINCT batch_id) FROM {Rows(type)} WHERE batch_id IN (SELECT id FROM committed)", ct);
        return batches[0] <= 1 ? $"SELECT * FROM {Rows(type)} WHERE batch_id IN (SELECT id FROM committed)" : CurrentRows(type);
    }

    private static async IAsyncEnumerable<FeedRow> ReadAsync(DuckDBConnection connection, FeedType type, string rows, string filter,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var select = new StringBuilder("SELECT ");
        select.Append(string.Join(", ", type.Columns.Select(c => $"COALESCE(CAST({c.Name} AS VARCHAR), '')")));
        select.Append(" FROM (").Append(rows).Append(") r").Append(filter);
        await using var command = connection.CreateCommand();
        command.CommandText = select.ToString();
        // Streamed: DuckDB produces the next rows while the caller handles these, rather than first holding them all.
        command.UseStreamingMode = true;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var values = new string[type.Columns.Count];
            for (var i = 0; i < values.Length; i++) values[i] = reader.GetString(i);
            yield return new FeedRow(type, values);
        }
    }
}

/// <summary>
/// A condition on a feed type's current rows: a WHERE part and an optional QUALIFY part (a window over the kept rows).
/// <see cref="Current"/> in the WHERE part stands for the type's current rows (for a subquery over all of them).
/// </summary>
public sealed record RowFilter(string? Where, string? Qualify = null)
{
    public const string Current = "{current}";
}

/// <summary>How the accepted rows of a batch met the stored ones.</summary>
public sealed record WriteOutcome(long New, long Replaced, long Unchanged);

/// <summary>A staged batch's outcome, with the rows that an earlier row of the file lost to (block, line in block; the first five).</summary>
internal sealed record StagedOutcome(WriteOutcome Stored, int RepeatedKeys, IReadOnlyList<(int Block, int Line)> FirstRepeated);

/// <summary>
/// The feed store lacks a file the DuckDB file lists for a committed batch (deleted or lost by hand: Doudi never
/// removes one). Reading on would silently leave that batch's rows out, so every reader stops with this message.
/// </summary>
public sealed class FeedStoreDamagedException(string message) : Exception(message);
