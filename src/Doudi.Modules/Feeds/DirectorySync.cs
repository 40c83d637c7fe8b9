using System.Runtime.InteropServices;

namespace Doudi.Feeds;

/// <summary>
/// Makes a folder's entries durable: after a file is renamed into a folder, the rename itself is only on disk once the
/// folder is flushed (fsync of the folder, on Linux and macOS). A batch file is listed as committed right after its
/// rename, so without this a power cut could leave a committed batch whose file name was never written.
/// </summary>
internal static class DirectorySync
{
    public static void Flush(string folder)
    {
        // Windows has no fsync of a folder; NTFS journals the rename.
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;
        var fd = Open(folder, ReadOnly);
        if (fd < 0) throw new IOException($"cannot open folder {folder} to flush it (errno {Marshal.GetLastPInvokeError()})");
        try
        {
            if (Fsync(fd) != 0) throw new IOException($"cannot flush folder {folder} (errno {Marshal.GetLastPInvokeError()})");
        }
        finally
        {
            _ = Close(fd);
        }
    }

    private const int ReadOnly = 0;

    [DllImport("libc", EntryPoint = "open", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Open(string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Close(int fd);
}
