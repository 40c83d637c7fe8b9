using System.Buffers;
using System.Text;

namespace Doudi.Imports;

/// <summary>
/// A UTF-8 CSV file read as bytes, for imports that must go faster than <see cref="CsvRecordReader"/>: the file is
/// cut into blocks that end after a record's line break (so blocks can be parsed on several cores), and each
/// block is parsed into records whose fields are byte ranges, without a string per field. The records, line
/// numbers, blank lines and structural problems are exactly those of <see cref="CsvRecordReader"/>.
/// </summary>
public static class Utf8CsvBlocks
{
    /// <summary>One block of whole records: <c>Buffer[..Length]</c>, rented from the shared pool (return it when done).</summary>
    public readonly record struct Block(int Index, byte[] Buffer, int Length);

    /// <summary>Reads <paramref name="stream"/> in blocks of about <paramref name="size"/> bytes (more when one record is longer).</summary>
    public static IEnumerable<Block> Read(Stream stream, int size)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        var filled = 0;
        var index = 0;
        var atEnd = false;
        while (true)
        {
            while (!atEnd && filled < buffer.Length)
            {
                var read = stream.Read(buffer, filled, buffer.Length - filled);
                if (read == 0) atEnd = true;
                filled += read;
            }
            if (atEnd)
            {
                if (filled > 0) yield return new Block(index, buffer, filled);
                else ArrayPool<byte>.Shared.Return(buffer);
                yield break;
            }
            var cut = LastBoundary(buffer.AsSpan(0, filled));
            if (cut <= 0)
            {
                // One record longer than the buffer (a 10 MB field): grow and read on.
                var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                buffer.AsSpan(0, filled).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = bigger;
                continue;
            }
            var next = ArrayPool<byte>.Shared.Rent(size);
            var rest = filled - cut;
            if (rest > next.Length)
            {
                ArrayPool<byte>.Shared.Return(next);
                next = ArrayPool<byte>.Shared.Rent(rest * 2);
            }
            buffer.AsSpan(cut, rest).CopyTo(next);
            yield return new Block(index++, buffer, cut);
            buffer = next;
            filled = rest;
        }
    }

    /// <summary>The end of the last whole record in <paramref name="data"/> (just after its <c>\n</c>), or -1.</summary>
    internal static int LastBoundary(ReadOnlySpan<byte> data)
    {
        var lastLf = data.LastIndexOf((byte)'\n');
        if (lastLf < 0) return -1;
        // Without a quote, every \n ends a record.
        if (data[..lastLf].IndexOf((byte)'"') < 0) return lastLf + 1;
        return ScanBoundary(data);
    }

    // The parser's own states: a quote opens a quoted field only at the start of a field.
    private static int ScanBoundary(ReadOnlySpan<byte> data)
    {
        var last = -1;
        var fieldStart = true;
        var i = 0;
        while (i < data.Length)
        {
            var b = data[i];
            if (fieldStart && b == '"')
            {
                i++;
                while (true)
                {
                    var q = data[i..].IndexOf((byte)'"');
                    if (q < 0) return last + 1 > 0 ? last + 1 : -1;
                    i += q + 1;
                    if (i >= data.Length) return last + 1 > 0 ? last + 1 : -1;
                    if (data[i] == '"') { i++; continue; }
                    break;
                }
                fieldStart = false;
                continue;
            }
            fieldStart = b is (byte)',' or (byte)'\n' or (byte)'\r';
            if (b == '\n') last = i;
            i++;
        }
        return last + 1 > 0 ? last + 1 : -1;
    }
}

/// <summary>
/// Parses the records of one block. Fields are byte ranges of the block; a quoted field with <c>""</c> or text
/// after its closing quote is turned into a string. Lines are counted from the block's first line (0).
/// </summary>
public sealed class Utf8CsvRecordParser(byte[] data, int position, int end, int line = 0)
{
    private int[] _start = new int[32];
    private int[] _length = new int[32];
    private string?[] _text = new string?[32];

    /// <summary>Fields of the current record.</summary>
    public int Count { get; private set; }

    /// <summary>The line the current record starts on (from the block's first line, 0).</summary>
    public int RecordLine { get; private set; }

    /// <summary>Lines passed so far (after the last record: the block's line count).</summary>
    public int Line => line;

    /// <summary>Where the parser stands in the block.</summary>
    public int Position => position;

    public string? Problem { get; private set; }

    public byte[] Data => data;

    /// <summary>The field as bytes, or null when it had to become a string (<see cref="Text"/>).</summary>
    public bool IsText(int field) => _text[field] is not null;

    public ReadOnlySpan<byte> Bytes(int field) => data.AsSpan(_start[field], _length[field]);

    public string Text(int field) => _text[field] ?? Encoding.UTF8.GetString(Bytes(field));

    /// <summary>True when every field is empty or white space: the record is a blank line and not counted.</summary>
    public bool IsBlank
    {
        get
        {
            for (var i = 0; i < Count; i++)
            {
                if (_text[i] is { } t) { if (!string.IsNullOrWhiteSpace(t)) return false; continue; }
                var bytes = Bytes(i);
                if (bytes.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0)
                {
                    if (!string.IsNullOrWhiteSpace(Encoding.UTF8.GetString(bytes))) return false;
                }
                else if (bytes.IndexOfAnyExcept(AsciiWhiteSpace) >= 0) return false;
            }
            return true;
        }
    }

    // What char.IsWhiteSpace says of ASCII.
    private static readonly SearchValues<byte> AsciiWhiteSpace = SearchValues.Create(" \t\n\v\f\r"u8);

    public bool Next()
    {
        while (true)
        {
            if (position >= end) return false;
            var c = data[position];
            if (c == '\n') { position++; line++; continue; }
            if (c == '\r') { position++; if (position < end && data[position] == '\n') position++; line++; continue; }
            break;
        }
        RecordLine = line;
        Count = 0;
        Problem = null;
        while (true)
        {
            if (position < end && data[position] == '"') QuotedField();
            else
            {
                var s = position;
                var i = data.AsSpan(position, end - position).IndexOfAny((byte)',', (byte)'\n', (byte)'\r');
                position = i < 0 ? end : position + i;
                Add(s, position - s, null);
            }
            if (position < end && data[position] == ',')
            {
                position++;
                if (position >= end || data[position] is (byte)'\n' or (byte)'\r') { Add(position, 0, null); break; }
                continue;
            }
            break;
        }
        if (position < end)
        {
            var c = data[position++];
            if (c == '\r' && position < end && data[position] == '\n') position++;
            line++;
        }
        return true;
    }

    private void QuotedField()
    {
        position++;
        var s = position;
        var escaped = false;
        int contentEnd;
        while (true)
        {
            var q = data.AsSpan(position, end - position).IndexOf((byte)'"');
            if (q < 0)
            {
                CountLines(position, end);
                Problem = "引号没有闭合";
                contentEnd = end;
                position = end;
                break;
            }
            CountLines(position, position + q);
            position += q + 1;
            if (position < end && data[position] == '"') { escaped = true; position++; continue; }
            contentEnd = position - 1;
            break;
        }
        var tail = position;
        while (position < end && data[position] is not ((byte)',' or (byte)'\n' or (byte)'\r')) position++;
        if (position > tail) Problem ??= "引号后面还有字符";
        if (!escaped && position == tail) { Add(s, contentEnd - s, null); return; }
        var text = Encoding.UTF8.GetString(data, s, contentEnd - s);
        if (escaped) text = text.Replace("\"\"", "\"", StringComparison.Ordinal);
        if (position > tail) text += Encoding.UTF8.GetString(data, tail, position - tail);
        Add(s, 0, text);
    }

    // As CsvRecordReader: \n, and \r not followed by \n, start a new line inside a quoted value.
    private void CountLines(int from, int to)
    {
        var span = data.AsSpan(from, to - from);
        line += span.Count((byte)'\n');
        var i = 0;
        while (true)
        {
            var r = span[i..].IndexOf((byte)'\r');
            if (r < 0) break;
            var at = from + i + r;
            if (at + 1 >= data.Length || at + 1 >= end || data[at + 1] != '\n') line++;
            i += r + 1;
        }
    }

    private void Add(int start, int length, string? text)
    {
        if (Count == _start.Length)
        {
            Array.Resize(ref _start, Count * 2);
            Array.Resize(ref _length, Count * 2);
            Array.Resize(ref _text, Count * 2);
        }
        _start[Count] = start;
        _length[Count] = length;
        _text[Count] = text;
        Count++;
    }
}
