using System.Text;
using Doudi.Feeds;
using Doudi.Persistence;
using Microsoft.EntityFrameworkCore;
using static Doudi.IntegrationTests.Monitoring.MonitoringWorld;

namespace Doudi.IntegrationTests.Monitoring;

/// <summary>
/// A corpus of malformed feed files, each through the real <c>doudi feeds import</c>: no crash, the exit code and
/// reason the contract gives, and nothing of a rejected file (or a rejected row) in the store.
/// </summary>
public class BadFeedCorpusTests
{
    /// <summary>
    /// One file and what must come of it. <paramref name="Stored"/>: rows of the feed table afterwards (null: the
    /// file is rejected whole, so no batch and no row). <paramref name="Said"/>: text in the last line of stdout
    /// (imported) or stderr (rejected); <paramref name="ErrorFileSays"/>: text in the error file, if one is expected.
    /// </summary>
    public sealed record Case(string Type, byte[] Content, int Exit, string Said, int? Stored, string? ErrorFileSays = null);

    private static byte[] Utf8(string text) => new UTF8Encoding(false).GetBytes(text);

    private static byte[] Gb18030(string text)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(54936).GetBytes(text);
    }

    private static string Header(string type) => string.Join(",", FeedTypes.Get(type).Columns.Select(c => c.Name));

    private static string Deaths(int count, int from = 1) =>
        string.Concat(Enumerable.Range(from, count).Select(n => $"{Id(n)},某{n},2024-01-{1 + n % 28:00}\n"));

    private static string Medical(int count) =>
        string.Concat(Enumerable.Range(1, count).Select(n => $"{Id(n)},某{n},S{n},2024-03-01,1000.50,200\n"));

    private static string Vehicles(int count) =>
        string.Concat(Enumerable.Range(1, count).Select(n => $"{Id(n)},某{n},粤A{n:00000},car,2020-01-01\n"));

    public static readonly Dictionary<string, Case> Cases = new()
    {
        ["an empty file (0 bytes)"] = new("death", [], 2, "文件为空（0 字节）", null),
        ["a header only"] = new("death", Utf8(Header("death") + "\n"), 0, "read 0, accepted 0, rejected 0", 0),
        ["the wrong columns (a vehicle file sent as deaths)"] =
            new("death", Utf8(Header("vehicle") + "\n" + Vehicles(5)), 2, "缺少必需的列 death_date", null),
        ["the wrong delimiter (semicolons)"] =
            new("death", Utf8(Header("death").Replace(',', ';') + "\n" + Deaths(5).Replace(',', ';')), 2, "缺少必需的列 id_number, name, death_date", null),
        ["truncated lines, too many to take the file"] =
            new("death", Utf8(Header("death") + "\n" + Deaths(18) + $"{Id(19)},某\n{Id(20)}\n"), 2, "超过允许的 5%", null, "字段数为 2，与表头的 3 列不一致"),
        ["one truncated last line among forty (cut inside a quote)"] =
            new("death", Utf8(Header("death") + "\n" + Deaths(39) + $"{Id(40)},\"某"), 0, "read 40, accepted 39, rejected 1", 39, "引号没有闭合"),
        ["a 10 MB field"] =
            new("vehicle", Utf8(Header("vehicle") + "\n" + Vehicles(39) + $"{Id(40)},某,{new string('粤', 10 * 1024 * 1024 / 3)},car,2020-01-01\n"),
                0, "read 40, accepted 39, rejected 1", 39, "超过 1000 个字符"),
        ["impossible dates"] =
            new("death", Utf8(Header("death") + "\n" + Deaths(39) + $"{Id(40)},某,2023-02-30\n"), 0, "read 40, accepted 39, rejected 1", 39, "日期须为 YYYY-MM-DD 格式的有效日期"),
        ["impossible dates everywhere"] =
            new("death", Utf8(Header("death") + "\n" + Deaths(10).Replace("2024-01-", "2024-13-", StringComparison.Ordinal)), 2, "超过允许的 5%", null, "日期须为"),
        ["a negative amount"] =
            new("medical", Utf8(Header("medical") + "\n" + Medical(39) + $"{Id(40)},某,S40,2024-03-01,-1000,0\n"), 0, "read 40, accepted 39, rejected 1", 39, "金额须为不带符号"),
        ["an ID number stored as a number by Excel"] =
            new("death", Utf8(Header("death") + "\n" + Deaths(39) + "4.40106E+17,某,2024-01-01\n"), 0, "read 40, accepted 39, rejected 1", 39, "stored as a number by Excel"),
        ["formula-looking text (stored as it is)"] =
            new("vehicle", Utf8(Header("vehicle") + "\n" + $"{Id(1)},=cmd|' /C calc'!A0,\"=HYPERLINK(\"\"http://x\"\")\",car,2020-01-01\n"), 0, "read 1, accepted 1, rejected 0", 1),
        ["a rejected formula-looking value is neutralised in the error file"] =
            new("death", Utf8(Header("death") + "\n" + Deaths(39) + "@SUM(A1),某,2024-01-01\n"), 0, "read 40, accepted 39, rejected 1", 39, "'@SUM(A1)"),
        ["duplicate rows (the later wins, with a warning)"] =
            new("death", Utf8(Header("death") + "\n" + Deaths(3) + Deaths(3)), 0, "read 6, accepted 6, rejected 0", 3),
        ["GB18030 without a BOM"] =
            new("death", Gb18030(Header("death") + "\n" + Deaths(3)), 0, "read 3, accepted 3, rejected 0", 3),
        ["binary garbage"] =
            new("death", [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251))], 2, "缺少必需的列", null),
    };

    public static TheoryData<string> Names => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_malformed_file_gives_its_reason_and_leaves_nothing_half_imported(string name)
    {
        var c = Cases[name];
        var dir = Directory.CreateTempSubdirectory("doudi-corpus-").FullName;
        var db = Path.Combine(dir, "d.db");
        var file = Path.Combine(dir, c.Type + ".csv");
        await File.WriteAllBytesAsync(file, c.Content);

        var (code, stdout, stderr) = await DoudiProcess.RunAsync("--database", db, "feeds", "import", "--type", c.Type, "--file", file);

        Assert.True(c.Exit == code, $"{name}: exit {code}\n{stdout}\n{stderr}");
        var output = c.Exit == 0 ? stdout : stderr;
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
        Assert.Contains(c.Said, last, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", stderr, StringComparison.Ordinal);
        if (c.Exit == 0) Assert.StartsWith("read ", last, StringComparison.Ordinal);

        var errorFile = Path.Combine(dir, c.Type + ".errors.csv");
        if (c.ErrorFileSays is not null) Assert.Contains(c.ErrorFileSays, await File.ReadAllTextAsync(errorFile), StringComparison.Ordinal);
        else Assert.False(File.Exists(errorFile), $"{name}: unexpected error file");

        await using var context = new DatabaseLocation(db, null).Open();
        var batches = await context.ImportBatches.CountAsync(b => b.Kind == c.Type);
        Assert.Equal(c.Stored is null ? 0 : 1, batches);
        var store = new FeedStore(Path.Combine(dir, "d.feeds.duckdb"), "256MB");
        Assert.Equal(c.Stored ?? 0, await store.StoredRowCountAsync(FeedTypes.Get(c.Type)));
    }

    [Fact]
    public async Task Formula_looking_text_is_stored_exactly_as_sent()
    {
        var w = await CreateAsync();
        await w.Import("vehicle", Header("vehicle") + "\n" + $"{Id(1)},=cmd|' /C calc'!A0,\"=HYPERLINK(\"\"http://x\"\")\",car,2020-01-01\n");
        await using var db = w.Location.Open();
        var committed = await Doudi.Monitoring.FeedEngine.CommittedFeedBatches(db, CancellationToken.None);
        await using var duck = await w.Store.OpenAsync(write: false);
        await w.Store.LoadCommitted(duck, committed, CancellationToken.None);
        var rows = new List<FeedRow>();
        await foreach (var row in FeedStore.ReadCurrentAsync(duck, FeedTypes.Get("vehicle"), onlyWanted: false)) rows.Add(row);
        var stored = Assert.Single(rows);
        Assert.Equal(("=cmd|' /C calc'!A0", "=HYPERLINK(\"http://x\")"), (stored.Name, stored["plate"]));
    }
}
