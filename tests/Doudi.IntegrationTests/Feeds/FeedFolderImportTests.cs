using Doudi.Feeds;
using Doudi.IntegrationTests.Monitoring;
using Doudi.Oversight;
using Microsoft.EntityFrameworkCore;
using static Doudi.IntegrationTests.Monitoring.MonitoringWorld;

namespace Doudi.IntegrationTests.Feeds;

/// <summary>
/// <c>feeds import --dir</c> through the real <c>doudi</c> program: each file of a monthly set is its own batch,
/// exactly as a one-file import; a file rejected whole stores nothing and does not stop the others.
/// </summary>
public class FeedFolderImportTests
{
    private static string Rows(string type, IEnumerable<string[]> rows) => Csv(FeedTypes.Get(type), rows);

    private static string[] Database(MonitoringWorld w) =>
        w.Location.IsPostgres
            ? ["--connection", w.Location.PostgresConnection!, "feeds", "--feeds", w.Store.Path]
            : ["--database", w.Location.SqlitePath!, "feeds", "--feeds", w.Store.Path];

    private static string LastLine(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_folder_imports_each_feed_file_as_its_own_batch_and_a_bad_file_stores_nothing_while_the_others_are_stored(string kind)
    {
        var w = await CreateAsync(kind);
        var dir = Directory.CreateTempSubdirectory("doudi-feed-dir-").FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, "death.csv"), Rows("death", [[Id(1), "甲", "2024-01-01"], [Id(2), "乙", "2024-02-01"], [Id(3), "丙", "2024-03-01"]]));
        // 1 of 40 rejected (2.5%): imported, the rejected row goes to pension.errors.csv.
        var pensions = Enumerable.Range(1, 40).Select(n => new[] { Id(n), "某", "2024-04", "basic", n == 40 ? "-5" : "1200" });
        await File.WriteAllTextAsync(Path.Combine(dir, "pension.csv"), Rows("pension", pensions));
        // 3 of 20 rejected (15%): over the threshold, rejected whole.
        var medical = Enumerable.Range(1, 20).Select(n => new[] { Id(n), "某", "S" + n, n <= 3 ? "2024/01/01" : "2024-01-01", "100", "50" });
        await File.WriteAllTextAsync(Path.Combine(dir, "medical.csv"), Rows("medical", medical));
        var vehicles = Path.Combine(dir, "vehicle.csv");
        await File.WriteAllTextAsync(vehicles, Rows("vehicle", [[Id(1), "甲", "粤A00001", "car", "2020-01-01"], [Id(2), "乙", "粤A00002", "truck", "2021-01-01"]]));
        await File.WriteAllTextAsync(Path.Combine(dir, "notes.txt"), "not a feed");
        var single = await DoudiProcess.RunAsync([.. Database(w), "import", "--type", "vehicle", "--file", vehicles]);
        Assert.Equal(0, single.Code);
        var vehicleBatch = System.Text.RegularExpressions.Regex.Match(single.Out, @"batch (\d+)").Groups[1].Value;

        var (code, stdout, stderr) = await DoudiProcess.RunAsync([.. Database(w), "import", "--dir", dir]);

        Assert.True(code == 2, $"exit {code}\n{stdout}\n{stderr}");
        Assert.Equal("read 45, accepted 44, rejected 1", LastLine(stdout).Split(" (")[0]);
        Assert.StartsWith("read 45, accepted 44, rejected 1 (4 files: 2 imported, 1 already imported, 1 not imported;", LastLine(stdout), StringComparison.Ordinal);
        Assert.Equal("not imported: medical.csv (rejected whole)", LastLine(stderr));
        Assert.Contains("skipped notes.txt", stderr, StringComparison.Ordinal);
        Assert.Contains("medical.csv: 20 行数据中 3 行被拒绝", stderr, StringComparison.Ordinal);
        Assert.Contains($"vehicle.csv: read 2, accepted 2, rejected 0 (already imported as batch {vehicleBatch})", stdout, StringComparison.Ordinal);
        Assert.Contains("pension.csv: read 40, accepted 39, rejected 1 (batch", stdout, StringComparison.Ordinal);
        Assert.Contains("death.csv: read 3, accepted 3, rejected 0 (batch", stdout, StringComparison.Ordinal);
        Assert.Contains("金额须为不带符号", await File.ReadAllTextAsync(Path.Combine(dir, "pension.errors.csv")), StringComparison.Ordinal);
        Assert.Contains("2024/01/01", await File.ReadAllTextAsync(Path.Combine(dir, "medical.errors.csv")), StringComparison.Ordinal);

        async Task<Dictionary<string, int>> Batches()
        {
            await using var db = w.Location.Open();
            return await db.ImportBatches.GroupBy(b => b.Kind).ToDictionaryAsync(g => g.Key, g => g.Count());
        }
        Assert.Equal(new Dictionary<string, int> { ["death"] = 1, ["pension"] = 1, ["vehicle"] = 1 }, await Batches());
        Assert.Equal((3, 39, 2, 0L), ((await w.Current("death")).Count, (await w.Current("pension")).Count, (await w.Current("vehicle")).Count,
            await FeedImportPathTests.StoredRowCount(w, "medical")));
        await using (var db = w.Location.Open())
        {
            var audits = await db.AuditRecords.Where(r => r.Action == AuditActions.FeedImport).OrderBy(r => r.Id).Select(r => r.Detail).ToListAsync();
            Assert.Equal(5, audits.Count);
            Assert.Contains("Refused; medical.csv", audits);
            Assert.Contains("Repeat; vehicle.csv", audits);
        }

        // The same folder again: every stored file is a repeat, the bad one is refused again, nothing changes.
        var again = await DoudiProcess.RunAsync([.. Database(w), "import", "--dir", dir]);
        Assert.Equal(2, again.Code);
        Assert.StartsWith("read 45, accepted 44, rejected 1 (4 files: 0 imported, 3 already imported, 1 not imported;", LastLine(again.Out), StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, int> { ["death"] = 1, ["pension"] = 1, ["vehicle"] = 1 }, await Batches());
        Assert.Equal((3, 39, 2), ((await w.Current("death")).Count, (await w.Current("pension")).Count, (await w.Current("vehicle")).Count));

        // With the bad file corrected, the folder imports it and exits 0.
        await File.WriteAllTextAsync(Path.Combine(dir, "medical.csv"), Rows("medical", medical.Select(r => r.Select(v => v.Replace('/', '-')).ToArray())));
        var corrected = await DoudiProcess.RunAsync([.. Database(w), "import", "--dir", dir]);
        Assert.True(corrected.Code == 0, corrected.Err);
        Assert.StartsWith("read 65, accepted 64, rejected 1 (4 files: 1 imported, 3 already imported, 0 not imported;", LastLine(corrected.Out), StringComparison.Ordinal);
        Assert.Equal(20, (await w.Current("medical")).Count);
    }

    [Fact]
    public async Task A_folder_with_two_files_of_one_type_or_no_feed_file_is_bad_input_and_stores_nothing()
    {
        var w = await CreateAsync();
        var dir = Directory.CreateTempSubdirectory("doudi-feed-dir-").FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, "households.csv"), "household_id\n");
        var none = await DoudiProcess.RunAsync([.. Database(w), "import", "--dir", dir]);
        Assert.Equal(2, none.Code);
        Assert.Contains("no feed file", LastLine(none.Err), StringComparison.Ordinal);

        await File.WriteAllTextAsync(Path.Combine(dir, "death.csv"), Rows("death", [[Id(1), "甲", "2024-01-01"]]));
        await File.WriteAllBytesAsync(Path.Combine(dir, "death.xlsx"), [0x50, 0x4B, 3, 4]);
        var twice = await DoudiProcess.RunAsync([.. Database(w), "import", "--dir", dir]);
        Assert.Equal(2, twice.Code);
        Assert.Contains("death.csv、death.xlsx: 同一类数据有多个文件", twice.Err, StringComparison.Ordinal);
        await using var db = w.Location.Open();
        Assert.Equal(0, await db.ImportBatches.CountAsync());

        var both = await DoudiProcess.RunAsync([.. Database(w), "import", "--dir", dir, "--type", "death"]);
        Assert.Equal(2, both.Code);
    }

    [Fact]
    public async Task A_file_that_cannot_be_read_fails_alone_exits_1_and_the_others_are_stored()
    {
        var w = await CreateAsync();
        var dir = Directory.CreateTempSubdirectory("doudi-feed-dir-").FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, "death.csv"), Rows("death", [[Id(1), "甲", "2024-01-01"], [Id(2), "乙", "2024-02-01"]]));
        // A link to a file that is not there: listed like any file, but it cannot be opened.
        File.CreateSymbolicLink(Path.Combine(dir, "vehicle.csv"), Path.Combine(dir, "gone", "vehicle.csv"));

        var (code, stdout, stderr) = await DoudiProcess.RunAsync([.. Database(w), "import", "--dir", dir]);

        Assert.True(code == 1, $"exit {code}\n{stdout}\n{stderr}");
        Assert.StartsWith("read 2, accepted 2, rejected 0 (2 files: 1 imported, 0 already imported, 1 not imported;", LastLine(stdout), StringComparison.Ordinal);
        Assert.Equal("not imported: vehicle.csv (failed)", LastLine(stderr));
        Assert.Contains("vehicle.csv: 导入失败，未保存任何数据", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", stderr, StringComparison.Ordinal);
        Assert.Equal(2, (await w.Current("death")).Count);
        await using var db = w.Location.Open();
        Assert.Equal(["death"], await db.ImportBatches.Select(b => b.Kind).ToListAsync());
        Assert.Contains("Failed; vehicle.csv", await db.AuditRecords.Select(r => r.Detail).ToListAsync());
    }
}
