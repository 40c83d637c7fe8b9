using System.Buffers;
using System.Globalization;
using System.Text;
using Doudi.Imports;
using Doudi.Kernel;

namespace Doudi.Feeds;

/// <summary>
/// What reading a feed file gave: counts, errors (original lines), warnings and where the accepted rows are for DuckDB:
/// the staging CSV, or, when <see cref="Verbatim"/> is set, the original file itself (no staging file was written).
/// </summary>
internal sealed record FeedFileRead(int Read, int Rejected, List<ImportError> Errors, List<string> Warnings, int[] BlockFirstLines,
    IReadOnlyList<KeyRepeat> Repeats, VerbatimLayout? Verbatim)
{
    /// <summary>The accepted rows (before keeping the later row of a repeated key).</summary>
    public int Accepted => Read - Rejected;

    /// <summary>Two accepted rows have the same key hash: a key may be repeated (the store checks).</summary>
    public bool MaybeRepeatedKeys => Repeats.Count > 0;
}

/// <summary>
/// An accepted row (<see cref="LaterBlock"/>, <see cref="LaterLine"/>: block, line in block) whose natural key hashes like
/// that of the latest accepted row before it with that hash (<see cref="EarlierBlock"/>, <see cref="EarlierLine"/>). When
/// the keys are equal (the store checks), the earlier row loses to the later one.
/// </summary>
internal readonly record struct KeyRepeat(int EarlierBlock, int EarlierLine, int LaterBlock, int LaterLine);

/// <summary>
/// The original file holds the batch exactly as it is to be stored: every data row accepted, every value stored
/// as written (or an empty optional value), no quote, no blank line, one kind of line break, no repeated key.
/// DuckDB then reads it directly: the header line skipped, field <c>FieldOfColumn[i]</c> (-1: absent) for the
/// type's column <c>i</c>, the other fields ignored.
/// </summary>
internal sealed record VerbatimLayout(string Path, int HeaderWidth, int[] FieldOfColumn);

/// <summary>
/// The fast reader for UTF-8 CSV feeds: the file is cut into blocks of whole records, the blocks are parsed and
/// checked on every core (values on their bytes, <see cref="Utf8Values"/>; anything unusual by the shared
/// <see cref="ValueRules"/>, so reasons are the same as the general reader's), and the accepted rows are written in
/// file order to a staging CSV that DuckDB loads in bulk (<see cref="FeedStore.WriteStagedBatchAsync"/>).
/// Each staged row starts with its block and line in the block, so the store can keep the later row of a key.
/// A file on disk is first read "verbatim": nothing is staged while every block could be loaded by DuckDB as it is
/// (<see cref="VerbatimLayout"/>). The first block that could not switches to staging; the blocks read before it
/// are then parsed once more, only to stage their rows (staged rows carry their block, so order does not matter).
/// </summary>
internal sealed class FeedFileReader
{
    public const int BlockSize = 4 << 20;

    private readonly FeedType _type;
    private readonly FileSchema _schema;
    private readonly DateOnly _today;
    private readonly byte[][]?[] _codes;
    private readonly bool[] _isKey;
    private int[] _fieldOfColumn = [];
    private int _headerWidth;

    public FeedFileReader(FeedType type, FileSchema schema, DateOnly today)
    {
        _type = type;
        _schema = schema;
        _today = today;
        _codes = schema.Columns.Select(c => c.Kind == ValueKind.Code ? Utf8Values.CodeBytes(c) : null).ToArray();
        _isKey = type.Columns.Select(c => type.Key.Contains(c.Name)).ToArray();
    }

    /// <summary>
    /// Reads the file, staging the accepted rows into the stream <paramref name="openStage"/> opens (only when needed;
    /// the reader closes it). Null when the file does not suit this reader (its header is not in the first block):
    /// the caller then uses the general reader. Throws <see cref="FileRejectedException"/>.
    /// </summary>
    public FeedFileRead? Read(ImportSource source, Func<Stream> openStage, bool tryVerbatim = true)
    {
        Stream? stage = null;
        try
        {
            // DuckDB reads a path with glob characters as a pattern: such a file is staged.
            var verbatim = tryVerbatim && source.Path is { } path && path.AsSpan().IndexOfAny(GlobCharacters) < 0;
            return Read(source, openStage, verbatim, ref stage);
        }
        finally
        {
            stage?.Dispose();
        }
    }

    private static readonly SearchValues<char> GlobCharacters = SearchValues.Create("*?[]{}");

    private FeedFileRead? Read(ImportSource source, Func<Stream> openStage, bool verbatim, ref Stream? stage)
    {
        using var input = source.Open();
        var errors = new List<ImportError>();
        var warnings = new List<string>();
        var firstLines = new List<int>();
        var inFlight = new Queue<Task<BlockResult>>();
        var unstaged = new List<int>();
        var nextFirstLine = 1;
        var read = 0;
        var rejected = 0;
        var lineBreak = LineBreak.None;
        var workers = Math.Max(2, Environment.ProcessorCount + 1);

        // 64-bit hashes of the accepted rows' natural keys, each with where its latest row is (block << 32 | line in
        // block): no equal hash proves no key is repeated in the file, and the store can skip keeping the later row of
        // each key. An equal hash only means "maybe": the pairs go to the store, which checks the keys are equal and
        // then drops the earlier rows by where they are, instead of ranking every row by key.
        var keys = new LatestByHash();
        var repeats = new List<KeyRepeat>();

        void Drain(BlockResult result, ref Stream? stage)
        {
            // Sized once for the whole file (estimated from the first block) rather than grown and rehashed.
            if (keys.Count == 0 && input.CanSeek && result.Bytes > 0)
                keys.EnsureCapacity((int)Math.Min(1 << 27, (input.Length / result.Bytes + 1) * result.KeyHashes.Count * 11 / 10));
            keys.SetAll(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(result.KeyHashes), result.KeyPlaces(),
                (r, latest) => repeats.Add(new KeyRepeat((int)(latest >> 32), (int)latest, result.Index, result.KeyLines[r])));
            if (verbatim && (!result.Verbatim || repeats.Count > 0 || !Agrees(ref lineBreak, result.LineBreak))) verbatim = false;
            if (!verbatim) stage ??= openStage();
            firstLines.Add(nextFirstLine);
            foreach (var e in result.Errors) errors.Add(e with { Line = e.Line + nextFirstLine });
            nextFirstLine += result.Lines;
            read += result.Rows;
            rejected += result.Rejected;
            if (result.Staged) stage!.Write(result.Stage.WrittenSpan);
            else unstaged.Add(result.Index);
            result.Stage.ResetWrittenCount();
            _buffers.Add(result.Stage);
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
                // DuckDB skips the first line as the header: a blank line before it, or a quoted header, needs staging.
                if (header.RecordLine != 0 || header.Problem is not null) verbatim = false;
                _dataStart = (start, startLine);
            }
            var (s, l, staged) = (start, startLine, !verbatim);
            inFlight.Enqueue(Task.Run(() => ParseBlock(block, s, l, staged)));
            if (inFlight.Count >= workers) Drain(inFlight.Dequeue().GetAwaiter().GetResult(), ref stage);
        }
        if (_fieldOfColumn.Length == 0) return null;
        while (inFlight.Count > 0) Drain(inFlight.Dequeue().GetAwaiter().GetResult(), ref stage);
        if (!verbatim && unstaged.Count > 0) StageAgain(source, unstaged, stage!);
        var layout = verbatim ? new VerbatimLayout(source.Path!, _headerWidth, _fieldOfColumn) : null;
        return new FeedFileRead(read, rejected, errors, warnings, [.. firstLines], repeats, layout);
    }

    // Every block of a verbatim file has the same line break (DuckDB refuses a mix); a block without one agrees with any.
    private static bool Agrees(ref LineBreak file, LineBreak block)
    {
        if (block == LineBreak.None) return true;
        if (file == LineBreak.None) file = block;
        return file == block;
    }

    private (int Start, int Line) _dataStart;

    // The blocks read before the file turned out not to be verbatim: parsed again, only for their staged rows.
    private void StageAgain(ImportSource source, List<int> blocks, Stream stage)
    {
        using var input = source.Open();
        var wanted = new HashSet<int>(blocks);
        var last = blocks.Max();
        var inFlight = new Queue<Task<BlockResult>>();
        var workers = Math.Max(2, Environment.ProcessorCount + 1);
        void Write(BlockResult result)
        {
            stage.Write(result.Stage.WrittenSpan);
            result.Stage.ResetWrittenCount();
            _buffers.Add(result.Stage);
        }
        foreach (var block in Utf8CsvBlocks.Read(input, BlockSize))
        {
            if (!wanted.Contains(block.Index))
            {
                ArrayPool<byte>.Shared.Return(block.Buffer);
            }
            else
            {
                var (s, l) = block.Index == 0 ? _dataStart : (0, 0);
                inFlight.Enqueue(Task.Run(() => ParseBlock(block, s, l, staged: true)));
                if (inFlight.Count >= workers) Write(inFlight.Dequeue().GetAwaiter().GetResult());
            }
            if (block.Index >= last) break;
        }
        while (inFlight.Count > 0) Write(inFlight.Dequeue().GetAwaiter().GetResult());
    }

    // Staging buffers go back here once written out: a few megabytes each, so reusing them spares the large object heap.
    private readonly System.Collections.Concurrent.ConcurrentBag<ArrayBufferWriter<byte>> _buffers = [];

    private enum LineBreak { None, Lf, CrLf }

    private sealed class BlockResult(int index, bool staged, ArrayBufferWriter<byte> stage)
    {
        public int Index { get; } = index;
        public bool Staged { get; } = staged;

        /// <summary>DuckDB could read this block as it is (only worked out when not staged).</summary>
        public bool Verbatim;
        public LineBreak LineBreak;
        public int Bytes;
        public int Lines;
        public int Rows;
        public int Rejected;
        public List<ImportError> Errors { get; } = [];
        public List<long> KeyHashes { get; } = [];

        /// <summary>The line in the block of each accepted row, as <see cref="KeyHashes"/>.</summary>
        public List<int> KeyLines { get; } = [];

        /// <summary>Where each accepted row is in the file (block &lt;&lt; 32 | line in block), as <see cref="KeyHashes"/>.</summary>
        public long[] KeyPlaces()
        {
            var places = new long[KeyLines.Count];
            for (var r = 0; r < places.Length; r++) places[r] = ((long)Index << 32) | (uint)KeyLines[r];
            return places;
        }
        public ArrayBufferWriter<byte> Stage { get; } = stage;
    }

    // Bytes that stop DuckDB reading a block as it is: a quote (its unquoting is ours to do) and control characters.
    private static readonly SearchValues<byte> NotVerbatim = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(b => b is not ('\n' or '\r')).Select(b => (byte)b), (byte)'"']);

    // The longest record DuckDB is asked to read as it is (its own limit is 2 MB).
    private const int MaxVerbatimRecord = 1 << 20;

    private static (bool Verbatim, LineBreak LineBreak) Inspect(ReadOnlySpan<byte> span)
    {
        if (span.IsEmpty || span.IndexOfAny(NotVerbatim) >= 0 || span[0] is (byte)'\n' or (byte)'\r') return (false, LineBreak.None);
        var lf = span.Count((byte)'\n');
        var cr = span.Count((byte)'\r');
        if (cr == 0) return (span.IndexOf("\n\n"u8) < 0, lf == 0 ? LineBreak.None : LineBreak.Lf);
        // Every line break \r\n, and no empty line.
        return (cr == lf && span.Count("\r\n"u8) == cr && span.IndexOf("\n\r"u8) < 0, LineBreak.CrLf);
    }

    private BlockResult ParseBlock(Utf8CsvBlocks.Block block, int start, int startLine, bool staged)
    {
        try
        {
            var result = new BlockResult(block.Index, staged, _buffers.TryTake(out var buffer) ? buffer : new ArrayBufferWriter<byte>(BlockSize + (BlockSize / 4)));
            result.Bytes = block.Length;
            if (!staged) (result.Verbatim, result.LineBreak) = Inspect(block.Buffer.AsSpan(0, block.Length));
            var keyBytes = staged ? null : new ArrayBufferWriter<byte>(256);
            var parser = new Utf8CsvRecordParser(block.Buffer, start, block.Length, startLine);
            var row = new Row(_schema, parser);
            var columns = _schema.Columns;
            var blockText = Encoding.ASCII.GetBytes(block.Index.ToString(CultureInfo.InvariantCulture) + ",");
            while (true)
            {
                var recordStart = parser.Position;
                if (!parser.Next()) break;
                if (parser.IsBlank)
                {
                    result.Verbatim = false;
                    continue;
                }
                if (parser.Position - recordStart > MaxVerbatimRecord) result.Verbatim = false;
                result.Rows++;
                row.Reset();
                if (parser.Problem is not null) row.AddWholeRowError(parser.Problem);
                if (parser.Count != _headerWidth)
                {
                    row.AddWholeRowError($"字段数为 {parser.Count}，与表头的 {_headerWidth} 列不一致");
                }
                else
                {
                    for (var i = 0; i < columns.Count; i++)
                    {
                        var field = _fieldOfColumn[i];
                        if (field < 0) continue;
                        if (!parser.IsText(field) && Utf8Values.TryFast(columns[i], parser.Bytes(field), _today, _codes[i], out var date, out var money))
                        {
                            row.SetFast(i, field, date, money);
                            continue;
                        }
                        var raw = parser.Text(field);
                        var (value, error) = ValueRules.Read(columns[i], raw, false, _today);
                        row.SetSlow(i, raw, value);
                        if (error is not null) row.AddError(columns[i], error);
                    }
                    if (!row.HasErrors) FeedSchemas.CheckRow(_type, _schema, row);
                }
                if (row.HasErrors)
                {
                    result.Rejected++;
                    result.Errors.AddRange(row.Errors);
                    result.Verbatim = false;
                    continue;
                }
                if (!staged)
                {
                    if (result.Verbatim && !row.StoredAsWritten()) result.Verbatim = false;
                    // The same hash as a staged row's: of the key columns' stored form.
                    var hash = FnvOffset;
                    for (var i = 0; i < columns.Count; i++)
                    {
                        if (!_isKey[i]) continue;
                        row.WriteStored(keyBytes!, i);
                        hash = Fnv(Fnv(hash, keyBytes!.WrittenSpan), ","u8);
                        keyBytes.ResetWrittenCount();
                    }
                    result.KeyHashes.Add(hash);
                    result.KeyLines.Add(parser.RecordLine);
                    continue;
                }
                result.Stage.Write(blockText);
                WriteNumber(result.Stage, parser.RecordLine);
                var key = FnvOffset;
                for (var i = 0; i < columns.Count; i++)
                {
                    result.Stage.Write(","u8);
                    var from = result.Stage.WrittenCount;
                    row.WriteStored(result.Stage, i);
                    if (_isKey[i]) key = Fnv(Fnv(key, result.Stage.WrittenSpan[from..]), ","u8);
                }
                result.KeyHashes.Add(key);
                result.KeyLines.Add(parser.RecordLine);
                result.Stage.Write("\n"u8);
            }
            result.Lines = parser.Line;
            return result;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(block.Buffer);
        }
    }

    private const long FnvOffset = unchecked((long)0xCBF29CE484222325);

    // FNV-1a, 64 bits.
    private static long Fnv(long hash, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes) hash = unchecked((hash ^ b) * 0x100000001B3);
        return hash;
    }

    private static void WriteNumber(ArrayBufferWriter<byte> writer, int n)
    {
        var span = writer.GetSpan(11);
        n.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        writer.Advance(written);
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

        /// <summary>
        /// True when every value's stored form is its bytes in the file: each took the fast path (an ID number without a
        /// lower-case x), or is an empty optional value (NULL, as DuckDB reads an empty field).
        /// </summary>
        public bool StoredAsWritten()
        {
            for (var i = 0; i < _fast.Length; i++)
            {
                if (_fast[i])
                {
                    if (schema.Columns[i].Kind == ValueKind.IdNumber && parser.Bytes(_field[i])[^1] == 'x') return false;
                }
                else if (_value[i] is not null || (_raw[i] ?? "").Length > 0)
                {
                    return false;
                }
            }
            return true;
        }

        public void SetFast(int i, int field, DateOnly date, decimal money) => (_field[i], _fast[i], _date[i], _money[i]) = (field, true, date, money);

        public void SetSlow(int i, string raw, object? value) => (_raw[i], _value[i]) = (raw, value);

        public DateOnly? Date(Column c) => _fast[c.Ordinal] ? _date[c.Ordinal] : (DateOnly?)_value[c.Ordinal];

        public decimal? Money(Column c) => _fast[c.Ordinal] ? _money[c.Ordinal] : (decimal?)_value[c.Ordinal];

        public string? TextOrNull(Column c) => _fast[c.Ordinal] ? parser.Text(_field[c.Ordinal]) : _value[c.Ordinal] as string;

        private string Raw(Column c) => _fast[c.Ordinal] ? parser.Text(_field[c.Ordinal]) : _raw[c.Ordinal] ?? "";

        public void AddError(Column c, string reason) => (_errors ??= []).Add(new ImportError(parser.RecordLine, c.Name, Raw(c), reason));

        public void AddWholeRowError(string reason) => (_errors ??= []).Add(new ImportError(parser.RecordLine, ImportError.WholeRow, "", reason));

        /// <summary>The value as the staging CSV holds it: the stored form, quoted when needed; nothing for null.</summary>
        public void WriteStored(ArrayBufferWriter<byte> writer, int i)
        {
            if (_fast[i])
            {
                var bytes = parser.Bytes(_field[i]);
                if (schema.Columns[i].Kind == ValueKind.IdNumber)
                {
                    var span = writer.GetSpan(bytes.Length);
                    bytes.CopyTo(span);
                    if (span[bytes.Length - 1] == 'x') span[bytes.Length - 1] = (byte)'X';
                    writer.Advance(bytes.Length);
                    return;
                }
                WriteCell(writer, bytes);
                return;
            }
            var text = _value[i] switch
            {
                null => null,
                IdNumber id => id.Value,
                DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                decimal m => m.ToString(CultureInfo.InvariantCulture),
                int n => n.ToString(CultureInfo.InvariantCulture),
                string s => s,
                var other => throw new InvalidOperationException($"unexpected feed value {other.GetType()}"),
            };
            if (text is not null) WriteCell(writer, Encoding.UTF8.GetBytes(text));
        }

        private static readonly SearchValues<byte> NeedQuotes = SearchValues.Create(",\"\r\n"u8);

        private static void WriteCell(ArrayBufferWriter<byte> writer, ReadOnlySpan<byte> bytes)
        {
            if (bytes.IndexOfAny(NeedQuotes) < 0)
            {
                writer.Write(bytes);
                return;
            }
            writer.Write("\""u8);
            while (true)
            {
                var q = bytes.IndexOf((byte)'"');
                if (q < 0) break;
                writer.Write(bytes[..(q + 1)]);
                writer.Write("\""u8);
                bytes = bytes[(q + 1)..];
            }
            writer.Write(bytes);
            writer.Write("\""u8);
        }
    }
}
