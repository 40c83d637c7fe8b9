using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;

namespace Doudi.Imports;

public enum FileFormat
{
    Csv,
    Xlsx,
}

/// <summary>
/// What one pass over the bytes tells: the SHA-256 (repeat detection), the size, the format and the
/// encoding a CSV is in (a BOM means UTF-8; otherwise valid UTF-8 is UTF-8; otherwise GB18030).
/// </summary>
public sealed record FileFingerprint(string Sha256, long Length, FileFormat Format, Encoding Encoding)
{

    static FileFingerprint() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Gb18030 => Encoding.GetEncoding(54936);

    /// <summary>Resolves an <c>--encoding</c> name (utf-8, gb18030, gbk, …); null when unknown.</summary>
    public static Encoding? EncodingByName(string name)
    {
        try
        {
            var encoding = Encoding.GetEncoding(name.Trim());
            return encoding is UTF8Encoding ? new UTF8Encoding(false) : encoding;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    public static FileFingerprint Compute(ImportSource source, Encoding? overrideEncoding = null)
    {
        using var stream = source.Open();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // The bytes of a character cut by the end of a read wait at the start of the buffer for the rest of it.
        var buffer = new byte[(1 << 20) + 4];
        var carried = 0;
        long length = 0;
        var head = new byte[4];
        var validUtf8 = overrideEncoding is null;
        int read;
        while ((read = stream.Read(buffer, carried, buffer.Length - 4 - carried)) > 0)
        {
            if (length < head.Length) Array.Copy(buffer, carried, head, (int)length, Math.Min(read, head.Length - (int)length));
            length += read;
            hash.AppendData(buffer, carried, read);
            if (!validUtf8) continue;
            var filled = carried + read;
            var whole = WholeCharacters(buffer.AsSpan(0, filled));
            // Utf8.IsValid checks on bytes what the strict decoder checked by decoding (overlongs, surrogates, > U+10FFFF).
            validUtf8 = Utf8.IsValid(buffer.AsSpan(0, whole));
            carried = filled - whole;
            buffer.AsSpan(whole, carried).CopyTo(buffer);
        }
        // A character cut by the end of the file is not valid UTF-8.
        if (carried > 0) validUtf8 = false;
        var sha = Convert.ToHexStringLower(hash.GetHashAndReset());
        // An .xlsx is a zip archive: it starts with "PK\x03\x04" whatever its name says.
        var format = length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4 ? FileFormat.Xlsx : FileFormat.Csv;
        var hasBom = length >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF;
        var encoding = overrideEncoding ?? (hasBom || validUtf8 ? new UTF8Encoding(false) : Gb18030);
        return new FileFingerprint(sha, length, format, encoding);
    }

    /// <summary>How many bytes of <paramref name="bytes"/> end with a whole character (the rest start one the next read ends).</summary>
    internal static int WholeCharacters(ReadOnlySpan<byte> bytes)
    {
        for (var back = 1; back <= Math.Min(3, bytes.Length); back++)
        {
            var b = bytes[^back];
            if ((b & 0xC0) == 0x80) continue;   // a continuation byte: look further back for the lead byte
            var needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needed > back ? bytes.Length - back : bytes.Length;
        }
        return bytes.Length;
    }

    /// <summary>The SHA-256 of a pair of files (the roster): order matters, so it hashes both hashes in order.</summary>
    public static string Combine(params string[] hashes) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(string.Join('\n', hashes))));
}
