namespace Doudi.Imports;

/// <summary>
/// One input file: a path on disk (CLI) or bytes received by the web page. The reader reads it twice
/// (once to fingerprint and detect its encoding, once to parse), so a source must be re-openable.
/// </summary>
public sealed class ImportSource
{
    private readonly Func<Stream> _open;

    private ImportSource(string name, string? path, Func<Stream> open)
    {
        Name = name;
        Path = path;
        _open = open;
    }

    /// <summary>The file name shown in messages (no directory).</summary>
    public string Name { get; }

    /// <summary>The file on disk, when there is one: error files go beside it by default.</summary>
    public string? Path { get; }

    public static ImportSource FromFile(string path) =>
        new(System.IO.Path.GetFileName(path), System.IO.Path.GetFullPath(path),
            () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan));

    public static ImportSource FromBytes(string name, byte[] content) =>
        new(name, null, () => new MemoryStream(content, writable: false));

    public Stream Open() => _open();
}
