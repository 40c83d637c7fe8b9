using System.Buffers.Binary;
using System.Runtime.InteropServices;
using ParquetSharp;
using ParquetSharp.Schema;

namespace Doudi.Feeds;

/// <summary>How a feed column's values are held in a Parquet file (and in <see cref="BlockColumns"/>).</summary>
internal enum StoredAs
{
    /// <summary>UTF-8 text (DuckDB <c>VARCHAR</c>).</summary>
    Text,

    /// <summary>Days since 1970-01-01, 32 bits (<c>DATE</c>).</summary>
    Days,

    /// <summary>Hundredths, 64 bits (<c>DECIMAL(18,2)</c>).</summary>
    Cents,

    /// <summary>A 32-bit number (<c>INTEGER</c>).</summary>
    Int,
}

internal static class FeedParquet
{
    /// <summary>The days value of a date.</summary>
    public static int Days(DateOnly date) => date.DayNumber - Epoch;

    private static readonly int Epoch = new DateOnly(1970, 1, 1).DayNumber;

    /// <summary>Hundredths of an amount the rules have already limited to two decimals.</summary>
    public static long Cents(decimal amount) => decimal.ToInt64(amount * 100m);
}

/// <summary>
/// The accepted rows of one block, column by column, as <see cref="FeedParquetWriter"/> writes them: the text values of
/// every column back to back in one pinned buffer (the writer hands Parquet pointers into it), numbers in arrays, and
/// for an optional column whether each row has a value (a null is simply not among the values). Reused block after block.
/// </summary>
internal sealed class BlockColumns
{
    private readonly StoredAs[] _kinds;
    private readonly bool[] _optional;
    private readonly int[][] _starts;
    private readonly int[][] _lengths;
    private readonly int[][] _ints;
    private readonly long[][] _longs;
    private readonly short[][] _defined;
    private readonly int[] _present;
    private byte[] _heap;
    private int _heapUsed;
    private int _capacity;

    public BlockColumns(FeedType type, int rows = 1 << 12, int bytes = 1 << 20)
    {
        _kinds = [.. type.Columns.Select(c => c.Stored)];
        _optional = [.. type.Columns.Select(c => c.Optional)];
        var n = _kinds.Length;
        (_starts, _lengths, _ints, _longs, _defined, _present) = (new int[n][], new int[n][], new int[n][], new long[n][], new short[n][], new int[n]);
        Size(rows);
        _heap = GC.AllocateUninitializedArray<byte>(bytes, pinned: true);
    }

    /// <summary>The rows stored so far.</summary>
    public int Rows { get; private set; }

    public int Columns => _kinds.Length;

    public StoredAs Kind(int column) => _kinds[column];

    public bool Optional(int column) => _optional[column];

    /// <summary>How many rows have a value in the column.</summary>
    public int Present(int column) => _present[column];

    public ReadOnlySpan<short> Defined(int column) => _defined[column].AsSpan(0, Rows);

    public ReadOnlySpan<int> Ints(int column) => _ints[column].AsSpan(0, _present[column]);

    public ReadOnlySpan<long> Longs(int column) => _longs[column].AsSpan(0, _present[column]);

    /// <summary>Where the text column's <paramref name="value"/>th value is: its address and length in bytes.</summary>
    public (IntPtr Address, int Length) Text(int column, int value) =>
        (Marshal.UnsafeAddrOfPinnedArrayElement(_heap, _starts[column][value]), _lengths[column][value]);

    public void Clear()
    {
        Rows = 0;
        _heapUsed = 0;
        Array.Clear(_present);
    }

    /// <summary>Room for the text value of the current row: the caller fills all <paramref name="length"/> bytes (at least one).</summary>
    public Span<byte> AddText(int column, int length)
    {
        if (_heapUsed + length > _heap.Length)
        {
            var larger = GC.AllocateUninitializedArray<byte>(Math.Max(_heap.Length * 2, _heapUsed + length), pinned: true);
            _heap.AsSpan(0, _heapUsed).CopyTo(larger);
            _heap = larger;
        }
        var value = Present(column, true);
        _starts[column][value] = _heapUsed;
        _lengths[column][value] = length;
        _heapUsed += length;
        return _heap.AsSpan(_heapUsed - length, length);
    }

    public void AddInt(int column, int value) => _ints[column][Present(column, true)] = value;

    public void AddLong(int column, long value) => _longs[column][Present(column, true)] = value;

    /// <summary>No value for the current row (optional columns only).</summary>
    public void AddNull(int column)
    {
        if (!_optional[column]) throw new InvalidOperationException($"column {column} is required");
        Present(column, false);
    }

    /// <summary>The current row is complete: every column got a value or a null.</summary>
    public void EndRow() => Rows++;

    // Records whether the current row has a value in the column; the index of the value when it has.
    private int Present(int column, bool present)
    {
        if (Rows == _capacity) Grow();
        if (_optional[column]) _defined[column][Rows] = present ? (short)1 : (short)0;
        return present ? _present[column]++ : -1;
    }

    private void Grow() => Size(_capacity * 2);

    // Every column's arrays hold `rows` rows: the arrays its kind uses, and whether each row has a value if optional.
    private void Size(int rows)
    {
        _capacity = rows;
        for (var i = 0; i < _kinds.Length; i++)
        {
            Array.Resize(ref _starts[i], _kinds[i] == StoredAs.Text ? rows : 0);
            Array.Resize(ref _lengths[i], _kinds[i] == StoredAs.Text ? rows : 0);
            Array.Resize(ref _ints[i], _kinds[i] is StoredAs.Days or StoredAs.Int ? rows : 0);
            Array.Resize(ref _longs[i], _kinds[i] == StoredAs.Cents ? rows : 0);
            Array.Resize(ref _defined[i], _optional[i] ? rows : 0);
        }
    }

    /// <summary>
    /// A 64-bit hash (FNV-1a) of the current row's values in <paramref name="columns"/>, as stored: rows with equal
    /// stored keys hash equally (call after adding the row's values, before <see cref="EndRow"/>).
    /// </summary>
    public long Hash(IReadOnlyList<int> columns)
    {
        var hash = unchecked((long)0xCBF29CE484222325);
        Span<byte> number = stackalloc byte[8];
        foreach (var c in columns)
        {
            var present = !_optional[c] || _defined[c][Rows] == 1;
            if (present && _kinds[c] == StoredAs.Text)
            {
                var value = _present[c] - 1;
                hash = Fnv(hash, _heap.AsSpan(_starts[c][value], _lengths[c][value]));
            }
            else if (present)
            {
                BinaryPrimitives.WriteInt64LittleEndian(number, _kinds[c] == StoredAs.Cents ? _longs[c][_present[c] - 1] : _ints[c][_present[c] - 1]);
                hash = Fnv(hash, number);
            }
            // A separator that no UTF-8 text holds, so ("ab", "c") and ("a", "bc") hash apart; a null hashes as nothing.
            hash = unchecked((hash ^ (present ? 0xFF : 0xFE)) * 0x100000001B3);
        }
        return hash;
    }

    // FNV-1a, 64 bits.
    private static long Fnv(long hash, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes) hash = unchecked((hash ^ b) * 0x100000001B3);
        return hash;
    }
}

/// <summary>
/// Writes a feed type's rows to a Parquet file as DuckDB reads them back with the store's column types (<c>VARCHAR</c>,
/// <c>DATE</c>, <c>DECIMAL(18,2)</c>, <c>INTEGER</c>): one row group per block, zstd level 1, format 2.6, dictionaries
/// only for the columns with few distinct values. The file has the type's columns only: its batch comes from the
/// store's list of files (docs/adr/0003).
/// </summary>
internal sealed class FeedParquetWriter : IDisposable
{
    private readonly FeedType _type;
    private readonly ParquetFileWriter _file;
    private ByteArray[] _texts = [];

    public FeedParquetWriter(FeedType type, string path)
    {
        _type = type;
        var nodes = type.Columns.Select(Node).ToArray<Node>();
        try
        {
            using var schema = new GroupNode("schema", Repetition.Required, nodes);
            using var properties = Properties(type);
            _file = new ParquetFileWriter(path, schema, properties);
        }
        finally
        {
            foreach (var node in nodes) node.Dispose();
        }
    }

    private static WriterProperties Properties(FeedType type)
    {
        using var builder = new WriterPropertiesBuilder()
            .Compression(Compression.Zstd).CompressionLevel(1).Version(ParquetVersion.PARQUET_2_6).DisableDictionary();
        // Codes, months, regions, grades and dates repeat a lot: a dictionary makes them small and quick to read.
        foreach (var column in type.Columns.Where(c => c.Kind is FeedValue.Code or FeedValue.Month or FeedValue.Region or FeedValue.Grade or FeedValue.Date))
            builder.EnableDictionary(column.Name);
        return builder.Build();
    }

    /// <summary>The rows written so far.</summary>
    public long Rows { get; private set; }

    private static PrimitiveNode Node(FeedColumn column)
    {
        var repetition = column.Optional ? Repetition.Optional : Repetition.Required;
        using var logical = column.Stored switch
        {
            StoredAs.Text => LogicalType.String(),
            StoredAs.Days => LogicalType.Date(),
            StoredAs.Cents => LogicalType.Decimal(18, 2),
            _ => LogicalType.None(),
        };
        var physical = column.Stored switch
        {
            StoredAs.Text => PhysicalType.ByteArray,
            StoredAs.Cents => PhysicalType.Int64,
            _ => PhysicalType.Int32,
        };
        return new PrimitiveNode(column.Name, repetition, logical, physical);
    }

    /// <summary>Appends the block's rows as one row group (nothing for a block without rows).</summary>
    public void Write(BlockColumns block)
    {
        if (block.Rows == 0) return;
        using var group = _file.AppendRowGroup();
        for (var i = 0; i < block.Columns; i++)
        {
            using var column = group.NextColumn();
            var defined = block.Optional(i) ? block.Defined(i) : default;
            switch (block.Kind(i))
            {
                case StoredAs.Text:
                    var present = block.Present(i);
                    if (_texts.Length < present) _texts = new ByteArray[Math.Max(present, _texts.Length * 2)];
                    for (var v = 0; v < present; v++)
                    {
                        var (address, length) = block.Text(i, v);
                        _texts[v] = new ByteArray(address, length);
                    }
                    Write((ColumnWriter<ByteArray>)column, block, i, defined, _texts.AsSpan(0, present));
                    break;
                case StoredAs.Cents:
                    Write((ColumnWriter<long>)column, block, i, defined, block.Longs(i));
                    break;
                default:
                    Write((ColumnWriter<int>)column, block, i, defined, block.Ints(i));
                    break;
            }
        }
        Rows += block.Rows;
    }

    private static void Write<T>(ColumnWriter<T> writer, BlockColumns block, int column, ReadOnlySpan<short> defined, ReadOnlySpan<T> values)
        where T : unmanaged
    {
        if (block.Optional(column)) writer.WriteBatch(block.Rows, defined, default, values);
        else writer.WriteBatch(values);
    }

    /// <summary>Writes the file's footer: the file is complete.</summary>
    public void Close() => _file.Close();

    public void Dispose() => _file.Dispose();

    public override string ToString() => $"{_type.Name}: {Rows} rows";
}
