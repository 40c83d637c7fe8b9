using System.Globalization;
using System.Security.Cryptography;
using Doudi.Persistence;

namespace Doudi.Applications;

/// <summary>
/// Uploaded case files, kept outside the web root: <c>data/doudi.files/</c> beside the SQLite file (or DOUDI_FILES,
/// or <c>data/files</c> for PostgreSQL), one file per SHA-256. The type is judged by the content (magic bytes),
/// never by the name or the browser's claim.
/// </summary>
public sealed class CaseFiles(string root)
{
    /// <summary>The largest file accepted: a scanned page or a photo, not a video.</summary>
    public const long MaxBytes = 10 * 1024 * 1024;

    public string Root { get; } = Path.GetFullPath(root);

    public static CaseFiles For(DatabaseLocation location)
    {
        var explicitPath = Environment.GetEnvironmentVariable("DOUDI_FILES");
        if (!string.IsNullOrWhiteSpace(explicitPath)) return new CaseFiles(explicitPath);
        if (location.IsPostgres) return new CaseFiles("data/files");
        var db = Path.GetFullPath(location.SqlitePath!);
        return new CaseFiles(Path.Combine(Path.GetDirectoryName(db)!, Path.GetFileNameWithoutExtension(db) + ".files"));
    }

    /// <summary>PDF, JPEG or PNG by their first bytes; null for anything else.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF-"u8)) return "application/pdf";
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF) return "image/jpeg";
        if (head.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) return "image/png";
        return null;
    }

    /// <summary>Checks and stores the bytes; returns the content type and SHA-256. Refuses before writing anything.</summary>
    public async Task<(string ContentType, string Sha256)> SaveAsync(byte[] content, CancellationToken ct)
    {
        if (content.Length == 0) throw new CaseRefusedException("文件", "文件：文件为空。");
        if (content.Length > MaxBytes)
            throw new CaseRefusedException("文件", string.Create(CultureInfo.InvariantCulture, $"文件：大小 {content.Length / 1024.0 / 1024.0:0.0} MB，超过上限 {MaxBytes / 1024 / 1024} MB。"));
        var type = Sniff(content.AsSpan(0, Math.Min(16, content.Length)))
            ?? throw new CaseRefusedException("文件", "文件：内容不是 PDF、JPEG 或 PNG（按文件内容判断，与文件名无关）。");
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        var path = PathOf(sha);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (!File.Exists(path))
        {
            var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            await File.WriteAllBytesAsync(temp, content, ct);
            File.Move(temp, path, overwrite: true);
        }
        return (type, sha);
    }

    public string PathOf(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower)) throw new ArgumentException("not a SHA-256", nameof(sha256));
        return Path.Combine(Root, sha256[..2], sha256);
    }
}
