using System.Security.Cryptography;
using System.Text;

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
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

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
        var decoder = StrictUtf8.GetDecoder();
        var buffer = new byte[1 << 16];
        var chars = new char[StrictUtf8.GetMaxCharCount(buffer.Length)];
        long length = 0;
        var head = new byte[4];
        var validUtf8 = overrideEncoding is null;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (length < head.Length) Array.Copy(buffer, 0, head, (int)length, Math.Min(read, head.Length - (int)length));
            length += read;
            hash.AppendData(buffer, 0, read);
            if (!validUtf8) continue;
            try
            {
                decoder.GetChars(buffer, 0, read, chars, 0, flush: false);
            }
            catch (DecoderFallbackException)
            {
                validUtf8 = false;
            }
        }
        if (validUtf8)
        {
            try
            {
                decoder.GetChars([], 0, 0, chars, 0, flush: true);
            }
            catch (DecoderFallbackException)
            {
                validUtf8 = false;
            }
        }
        var sha = Convert.ToHexStringLower(hash.GetHashAndReset());
        // An .xlsx is a zip archive: it starts with "PK\x03\x04" whatever its name says.
        var format = length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4 ? FileFormat.Xlsx : FileFormat.Csv;
        var hasBom = length >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF;
        var encoding = overrideEncoding ?? (hasBom || validUtf8 ? new UTF8Encoding(false) : Gb18030);
        return new FileFingerprint(sha, length, format, encoding);
    }

    /// <summary>The SHA-256 of a pair of files (the roster): order matters, so it hashes both hashes in order.</summary>
    public static string Combine(params string[] hashes) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(string.Join('\n', hashes))));
}
