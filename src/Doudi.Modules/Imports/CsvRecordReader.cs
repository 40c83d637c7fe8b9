using System.Text;

namespace Doudi.Imports;

/// <summary>
/// RFC 4180 records with the line each starts on. Written here rather than taken from a CSV library
/// because the contract needs the original line numbers (quoted fields may span lines), the field count
/// of every row, and empty lines skipped without being counted.
/// </summary>
public sealed class CsvRecordReader(TextReader reader)
{
    private readonly char[] _buffer = new char[1 << 16];
    private int _length;
    private int _position;
    private int _line = 1;

    public IEnumerable<RawRecord> Records()
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        while (true)
        {
            var startLine = _line;
            var c = Next();
            if (c < 0) yield break;
            if (c == '\n') { _line++; continue; }
            if (c == '\r') { SkipLf(); _line++; continue; }

            fields.Clear();
            string? problem = null;
            var atEnd = false;
            while (!atEnd)
            {
                field.Clear();
                if (c == '"')
                {
                    // Quoted field: "" is a quote; line breaks inside belong to the value.
                    while (true)
                    {
                        var q = Next();
                        if (q < 0) { problem = "引号没有闭合"; break; }
                        if (q == '"')
                        {
                            if (Peek() == '"') { Next(); field.Append('"'); continue; }
                            break;
                        }
                        if (q == '\n') _line++;
                        else if (q == '\r' && Peek() != '\n') _line++;
                        field.Append((char)q);
                    }
                    c = Next();
                    // Text after the closing quote is kept (lenient), but noted.
                    while (c >= 0 && c != ',' && c != '\n' && c != '\r')
                    {
                        problem ??= "引号后面还有字符";
                        field.Append((char)c);
                        c = Next();
                    }
                }
                else
                {
                    while (c >= 0 && c != ',' && c != '\n' && c != '\r')
                    {
                        field.Append((char)c);
                        c = Next();
                    }
                }
                fields.Add(field.ToString());
                if (c == ',') { c = Next(); if (c < 0 || c == '\n' || c == '\r') { fields.Add(""); atEnd = true; } continue; }
                atEnd = true;
            }
            if (c == '\r') SkipLf();
            if (c >= 0) _line++;
            yield return new RawRecord(startLine, [.. fields], null, problem);
            if (c < 0) yield break;
        }
    }

    private void SkipLf()
    {
        if (Peek() == '\n') Next();
    }

    private int Next()
    {
        if (_position == _length && !Fill()) return -1;
        return _buffer[_position++];
    }

    private int Peek()
    {
        if (_position == _length && !Fill()) return -1;
        return _buffer[_position];
    }

    private bool Fill()
    {
        _length = reader.Read(_buffer, 0, _buffer.Length);
        _position = 0;
        return _length > 0;
    }
}
