using Doudi.Feeds;

namespace Doudi.Tests.Feeds;

public class DirectorySyncTests
{
    [Fact]
    public void A_folder_is_flushed_and_a_missing_one_is_an_error_that_names_it()
    {
        var folder = Directory.CreateTempSubdirectory("doudi-sync-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "a.tmp"), "x");
            File.Move(Path.Combine(folder, "a.tmp"), Path.Combine(folder, "a"));
            DirectorySync.Flush(folder);
            var missing = Path.Combine(folder, "nowhere");
            var e = Assert.Throws<IOException>(() => DirectorySync.Flush(missing));
            Assert.Contains(missing, e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
