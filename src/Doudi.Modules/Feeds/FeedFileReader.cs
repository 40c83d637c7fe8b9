using System.Buffers;
using System.Text;
using Doudi.Imports;
using Doudi.Kernel;

namespace Doudi.Feeds;

/// <summary>
/// What reading a feed file gave: counts, errors (original lines), warnings, and the rows that may repeat a key. The
/// accepted rows are in the staging Parquet file the reader wrote, in file order.
/// </summary>
internal sealed record FeedFileRead(int Read, int Rejected, List<ImportError> Errors, List<string> Warnings, int[] BlockFirstLines,
    IReadOnlyList<KeyRepeat> Repeats)
{
    /// <summary>The accepted rows (before keeping the later row of a repeated key): the rows of the staging file.</summary>
    public int Accepted => Read - Rejected;

    /// <summary>Two accepted rows have the same key hash: a key may be repeated (the store checks).</summary>
    public bool MaybeRepeatedKeys => Repeats.Count > 0;
}

/// <summary>
/// An accepted row whose natural key hashes like that of the latest accepted row before it with that hash: their
/// places in the staging file (<see cref="EarlierRow"/>, <see cref="LaterRow"/>, counted from 0 as DuckDB's
/// <c>file_row_number</c>), and where the later row is in the original file (block, line in block). When the keys are
/// equal (the store checks), the earlier row loses to the later one.
/// </summary>
internal readonly record struct KeyRepeat(long EarlierRow, long LaterRow, int LaterBlock, int LaterLine);

/// <summary>
/// The fast reader for UTF-8 CSV feeds: the file is cut into blocks of whole records, the blocks are parsed and
/// checked on every core (values on their bytes, <see cref="Utf8Values"/>; anything unusual by the shared
/// <see cref="ValueRules"/>, so reasons are the same as the general reader's), each block's accepted rows are put
/// column by column in their stored form (<see cref="BlockColumns"/>), and the blocks are written in file order as the
/// row groups of a staging Parquet file (<see cref="FeedParquetWriter"/>), which DuckDB reads, or which becomes the
/// batch's file itself (<see cref="FeedStore.WriteStagedBatchAsync"/>). DuckDB never parses the CSV.
/// </summary>
internal sealed class FeedFileReader
{
    public const int BlockSize = 4 << 20;

    private readonly FeedType _type;
    private readonly FileSchema _schema;
    private readonly DateOnly _today;
    private readonly byte[][]?[] _codes;
    private int[] _fieldOfColumn = [];
    private int _headerWidth;

    public FeedFileReader(FeedType type, FileSchema schema, DateOnly today)
    {
        _type = type;
        _schema = schema;
        _today = today;
        _codes = schema.Columns.Select(c => c.Kind == ValueKind.Code ? Utf8Values.CodeBytes(c) : null).ToArray();
    }

    /// <summary>
    /// Reads the file, writing the accepted rows to the Parquet file at <paramref name="stagePath"/>. Null when the file
    /// does not suit this reader (its header is not in the first block): the caller then uses the general reader.
    /// Throws <see cref="FileRejectedException"/>. <paramref name="progress"/> is told the bytes checked so far, block by block.
    /// </summary>
    public FeedFileRead? Read(ImportSource source, string stagePath, IProgress<long>? progress = null)
    {
        using var input = source.Open();
        using var writer = new FeedParquetWriter(_type, stagePath);
        var errors = new List<ImportError>();
        var warnings = new List<string>();
        var firstLines = new List<int>();
        var inFlight = new Queue<Task<BlockResult>>();
        var nextFirstLine = 1;
        var read = 0;
        var rejected = 0;
        long written = 0;
        long checkedBytes = 0;
        var workers = Math.Max(2, Environment.ProcessorCount + 1);

        // 64-bit hashes of the accepted rows' natural keys, each with its latest row's place in the staging file: no
        // equal hash proves no key is repeated in the file, and the store can skip keeping the later row of each key. An
        // equal hash only means "maybe": the pairs go to the store, which checks the keys are equal and then drops the
        // earlier rows by their place, instead of ranking every row by key.
        var keys = new LatestByHash();
        var repeats = new List<KeyRepeat>();

        void Drain(BlockResult result)
        {
            // Sized once for the whole file (estimated from the first block) rather than grown and rehashed.
            if (keys.Count == 0 && input.CanSeek && result.Bytes > 0)
                keys.EnsureCapacity((int)Math.Min(1 << 27, (input.Length / result.Bytes + 1) * result.KeyHashes.Count * 11 / 10));
            var first = written;
            var places = new long[result.KeyHashes.Count];
            for (var r = 0; r < places.Length; r++) places[r] = first + r;
            keys.SetAll(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(result.KeyHashes), places,
                (r, latest) => repeats.Add(new KeyRepeat(latest, first + r, result.Index, result.KeyLines[r])));
            writer.Write(result.Columns);
            written += result.Columns.Rows;
            firstLines.Add(nextFirstLine);
            foreach (var e in result.Errors) errors.Add(e with { Line = e.Line + nextFirstLine });
            nextFirstLine += result.Lines;
            read += result.Rows;
            rejected += result.Rejected;
            result.Columns.Clear();
            _columns.Add(result.Columns);
            progress?.Report(checkedBytes += result.Bytes);
        }

        foreach (var block in Utf8CsvBlocks.Read(input, BlockSize))
        {
            var start = 0;
            var startLine = 0;
            if (block.Index == 0)
            {
                var b = block.Buffer;
                if (block.Length >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) start = 3;
                var header = new Utf8CsvRecordParser(b, start, block.Length);
                while (header.Next() && header.IsBlank)
                {
                }
                if (header.Count == 0 || header.IsBlank)
                {
                    ArrayPool<byte>.Shared.Return(b);
                    return null;
                }
                var fields = Enumerable.Range(0, header.Count).Select(header.Text).ToArray();
                var (map, headerWarnings) = TabularFile.MatchHeader(source.Name, _schema, new RawRecord(header.RecordLine + 1, fields));
                _fieldOfColumn = map;
                _headerWidth = fields.Length;
                warnings.AddRange(headerWarnings);
                (start, startLine) = (header.Position, header.Line);
            }
            var (s, l) = (start, startLine);
            inFlight.Enqueue(Task.Run(() => ParseBlock(block, s, l)));
            if (inFlight.Count >= workers) Drain(inFlight.Dequeue().GetAwaiter().GetResult());
        }
        if (_fieldOfColumn.Length == 0) return null;
        while (inFlight.Count > 0) Drain(inFlight.Dequeue().GetAwaiter().GetResult());
        writer.Close();
        return new FeedFileRead(read, rejected, errors, warnings, [.. firstLines], repeats);
    }

    // Column buffers go back here once written out: a few megabytes each, so reusing them spares the large object heap.
    private readonly System.Collections.Concurrent.ConcurrentBag<BlockColumns> _columns = [];

    private sealed class BlockResult(int index, BlockColumns columns)
    {
        public int Index { get; } = index;
        public int Bytes;
        public int Lines;
        public int Rows;
        public int Rejected;
        public List<ImportError> Errors { get; } = [];

        /// <summary>The key hash of each accepted row, in order.</summary>
        public List<long> KeyHashes { get; } = [];

        /// <summary>The line in the block of each accepted row, as <see cref="KeyHashes"/>.</summary>
        public List<int> KeyLines { get; } = [];

        /// <summary>The accepted rows in their stored form.</summary>
        public BlockColumns Columns { get; } = columns;
    }

    private BlockResult ParseBlock(Utf8CsvBlocks.Block block, int start, int startLine)
    {
        try
        {
            var result = new BlockResult(block.Index, _columns.TryTake(out var columns) ? columns : new BlockColumns(_type));
            result.Bytes = block.Length;
            var parser = new Utf8CsvRecordParser(block.Buffer, start, block.Length, startLine);
            var row = new Row(_schema, parser);
            var schema = _schema.Columns;
            var stored = result.Columns;
            while (true)
            {
                if (!parser.Next()) break;
                if (parser.IsBlank) continue;
                result.Rows++;
                row.Reset();
                if (parser.Problem is not null) row.AddWholeRowError(parser.Problem);
                if (parser.Count != _headerWidth)
                {
                    row.AddWholeRowError($"字段数为 {parser.Count}，与表头的 {_headerWidth} 列不一致");
                }
                else
                {
                    for (var i = 0; i < schema.Count; i++)
                    {
                        var field = _fieldOfColumn[i];
                        if (field < 0) continue;
                        if (!parser.IsText(field) && Utf8Values.TryFast(schema[i], parser.Bytes(field), _today, _codes[i], out var date, out var money))
                        {
                            row.SetFast(i, field, date, money);
                            continue;
                        }
                        var raw = parser.Text(field);
                        var (value, error) = ValueRules.Read(schema[i], raw, false, _today);
                        row.SetSlow(i, raw, value);
                        if (error is not null) row.AddError(schema[i], error);
                    }
                    if (!row.HasErrors) FeedSchemas.CheckRow(_type, _schema, row);
                }
                if (row.HasErrors)
                {
                    result.Rejected++;
                    result.Errors.AddRange(row.Errors);
                    continue;
                }
                for (var i = 0; i < schema.Count; i++) row.Store(stored, i);
                result.KeyHashes.Add(stored.Hash(_type.KeyIndexes));
                result.KeyLines.Add(parser.RecordLine);
                stored.EndRow();
            }
            result.Lines = parser.Line;
            return result;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(block.Buffer);
        }
    }

    /// <summary>One row being checked: each value is a byte range of the block (fast) or text and a value (general rules).</summary>
    private sealed class Row(FileSchema schema, Utf8CsvRecordParser parser) : IRowValues
    {
        private readonly int[] _field = new int[schema.Columns.Count];
        private readonly bool[] _fast = new bool[schema.Columns.Count];
        private readonly DateOnly[] _date = new DateOnly[schema.Columns.Count];
        private readonly decimal[] _money = new decimal[schema.Columns.Count];
        private readonly string?[] _raw = new string?[schema.Columns.Count];
        private readonly object?[] _value = new object?[schema.Columns.Count];
        private List<ImportError>? _errors;

        public bool HasErrors => _errors is { Count: > 0 };
        public List<ImportError> Errors => _errors!;

        public void Reset()
        {
            Array.Fill(_field, -1);
            Array.Clear(_fast);
            Array.Clear(_raw);
            Array.Clear(_value);
            _errors = null;
        }

        public void SetFast(int i, int field, DateOnly date, decimal money) => (_field[i], _fast[i], _date[i], _money[i]) = (field, true, date, money);

        public void SetSlow(int i, string raw, object? value) => (_raw[i], _value[i]) = (raw, value);

        public DateOnly? Date(Column c) => _fast[c.Ordinal] ? _date[c.Ordinal] : (DateOnly?)_value[c.Ordinal];

        public decimal? Money(Column c) => _fast[c.Ordinal] ? _money[c.Ordinal] : (decimal?)_value[c.Ordinal];

        public string? TextOrNull(Column c) => _fast[c.Ordinal] ? parser.Text(_field[c.Ordinal]) : _value[c.Ordinal] as string;

        private string Raw(Column c) => _fast[c.Ordinal] ? parser.Text(_field[c.Ordinal]) : _raw[c.Ordinal] ?? "";

        public void AddError(Column c, string reason) => (_errors ??= []).Add(new ImportError(parser.RecordLine, c.Name, Raw(c), reason));

        public void AddWholeRowError(string reason) => (_errors ??= []).Add(new ImportError(parser.RecordLine, ImportError.WholeRow, "", reason));

        /// <summary>Adds the value of column <paramref name="i"/> to the block's rows in its stored form (no value: null).</summary>
        public void Store(BlockColumns to, int i)
        {
            var kind = to.Kind(i);
            if (_fast[i])
            {
                var bytes = parser.Bytes(_field[i]);
                switch (kind)
                {
                    case StoredAs.Days: to.AddInt(i, FeedParquet.Days(_date[i])); return;
                    case StoredAs.Cents: to.AddLong(i, FeedParquet.Cents(_money[i])); return;
                    case StoredAs.Int: to.AddInt(i, bytes[0] - '0'); return;   // the fast path takes one digit only
                }
                var span = to.AddText(i, bytes.Length);
                bytes.CopyTo(span);
                // An ID number's check character is stored upper-case.
                if (schema.Columns[i].Kind == ValueKind.IdNumber && span[^1] == 'x') span[^1] = (byte)'X';
                return;
            }
            switch (kind, _value[i])
            {
                case (_, null):
                    to.AddNull(i);
                    return;
                case (StoredAs.Days, DateOnly d):
                    to.AddInt(i, FeedParquet.Days(d));
                    return;
                case (StoredAs.Cents, decimal m):
                    to.AddLong(i, FeedParquet.Cents(m));
                    return;
                case (StoredAs.Int, int n):
                    to.AddInt(i, n);
                    return;
                case (StoredAs.Text, var value):
                    var text = value switch
                    {
                        IdNumber id => id.Value,
                        string s => s,
                        _ => throw new InvalidOperationException($"unexpected feed text value {value.GetType()}"),
                    };
                    // An empty text is no value, as it always was in the store.
                    if (text.Length == 0)
                    {
                        to.AddNull(i);
                        return;
                    }
                    Encoding.UTF8.GetBytes(text, to.AddText(i, Encoding.UTF8.GetByteCount(text)));
                    return;
                default:
                    throw new InvalidOperationException($"unexpected feed value {_value[i]!.GetType()} for a {kind} column");
            }
        }
    }
}
