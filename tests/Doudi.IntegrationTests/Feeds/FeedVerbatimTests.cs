using System.Text;
using Doudi.Feeds;
using Doudi.Imports;
using Doudi.IntegrationTests.Monitoring;
using static Doudi.IntegrationTests.Feeds.FeedImportPathTests;
using static Doudi.IntegrationTests.Monitoring.MonitoringWorld;

namespace Doudi.IntegrationTests.Feeds;

/// <summary>
/// A UTF-8 file whose values are all stored as written is loaded by DuckDB from the file itself (no staging file);
/// anything else is staged. Each case is imported both ways and must give the same counts, warnings and stored rows.
/// </summary>
public sealed class FeedVerbatimTests : IDisposable
{
    private static readonly DateOnly Today = new(2024, 6, 3);

    // The files a test wrote (some of many megabytes), removed after it.
    private readonly List<string> _directories = [];

    public void Dispose()
    {
        foreach (var directory in _directories) Directory.Delete(directory, recursive: true);
    }

    private string Write(string content, string name = "detention.csv")
    {
        var directory = Directory.CreateTempSubdirectory("doudi-verbatim-").FullName;
        _directories.Add(directory);
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes(content));
        return path;
    }

    private static FeedFileRead ReadOnly(string type, string path)
    {
        var stage = path + ".stage";
        return new FeedFileReader(FeedTypes.Get(type), FeedSchemas.For(FeedTypes.Get(type)), Today)
            .Read(ImportSource.FromFile(path), () => File.Create(stage))!;
    }

    private static async Task<ImportFeedOutcome.Imported> ImportAsync(MonitoringWorld w, string type, string path, bool verbatim) =>
        Assert.IsType<ImportFeedOutcome.Imported>(await new ImportFeedHandler(w.Location, w.Store) { TryVerbatim = verbatim }
            .Handle(new ImportFeed(FeedTypes.Get(type), ImportSource.FromFile(path), path + ".errors.csv", null, 0.5m, Today, "test"), CancellationToken.None));

    private static string Snapshot(List<FeedRow> rows) => string.Join("\n", rows.Select(r => string.Join("|", r.Values)));

    /// <summary>Imports the file both ways into two fresh worlds; returns the verbatim side's outcome and rows.</summary>
    private async Task<(ImportFeedOutcome.Imported Outcome, List<FeedRow> Rows)> BothWays(string type, string content, string kind = "sqlite")
    {
        var path = Write(content);
        var (a, b) = (await CreateAsync(kind), await CreateAsync(kind));
        var fast = await ImportAsync(a, type, path, verbatim: true);
        var staged = await ImportAsync(b, type, path, verbatim: false);
        Assert.Equal((staged.Read, staged.Accepted, staged.Rejected, staged.RepeatedKeys), (fast.Read, fast.Accepted, fast.Rejected, fast.RepeatedKeys));
        Assert.Equal(staged.Stored, fast.Stored);
        Assert.Equal(staged.Warnings, fast.Warnings);
        Assert.Equal(staged.Errors, fast.Errors);
        var rows = await a.Current(type);
        Assert.Equal(Snapshot(await b.Current(type)), Snapshot(rows));
        return (fast, rows);
    }

    public static TheoryData<string, string, bool> Cases()
    {
        string R(params string[] f) => string.Join(",", f);
        var (i1, i2, i3) = (Id(1), Id(2), Id(3));
        var lower = Enumerable.Range(1, 999).Select(Id).First(id => id.EndsWith('X'))[..17] + "x";
        return new()
        {
            // BOM, CRLF, an empty optional value, an unknown column, columns in another order.
            { "bom crlf reordered extra column", "\uFEFF" + R("end_date", "备注", "name", "start_date", "id_number") + "\r\n" +
                R("2024-02-01", "x", "甲", "2024-01-01", i1) + "\r\n" + R("", "", "乙", "2024-03-01", i2) + "\r\n", true },
            { "lf, last line without a line break", R("id_number", "name", "start_date", "end_date") + "\n" +
                R(i2, "乙", "2024-03-01", "") + "\n" + R(i3, "丙", "2024-03-05", "2024-04-01"), true },
            { "header only", R("id_number", "name", "start_date", "end_date") + "\n", true },
            { "lower-case x", R("id_number", "name", "start_date", "end_date") + "\n" + R(lower, "甲", "2024-01-01", "") + "\n", false },
            { "value to trim", R("id_number", "name", "start_date", "end_date") + "\n" + R(i2, " 乙", "2024-01-01", "") + "\n", false },
            { "white space as an empty optional value", R("id_number", "name", "start_date", "end_date") + "\n" + R(i2, "乙", "2024-01-01", "  ") + "\n", false },
            { "quoted value", R("id_number", "name", "start_date", "end_date") + "\n" + R(i2, "\"乙,丙\"", "2024-01-01", "") + "\n", false },
            { "blank line", R("id_number", "name", "start_date", "end_date") + "\n" + R(i2, "乙", "2024-01-01", "") + "\n\n" + R(i3, "丙", "2024-01-01", "") + "\n", false },
            { "mixed line breaks", R("id_number", "name", "start_date", "end_date") + "\r\n" + R(i2, "乙", "2024-01-01", "") + "\n" + R(i3, "丙", "2024-01-01", "") + "\r\n", false },
            { "rejected row", R("id_number", "name", "start_date", "end_date") + "\n" + R(i2, "乙", "2024-01-01", "") + "\n" + R(i3, "丙", "2024-01-01", "2023-01-01") + "\n", false },
            { "repeated key", R("id_number", "name", "start_date", "end_date") + "\n" + R(i2, "乙", "2024-01-01", "") + "\n" + R(i2, "乙", "2024-01-01", "2024-05-01") + "\n", false },
            { "blank line before the header", "\n" + R("id_number", "name", "start_date", "end_date") + "\n" + R(i2, "乙", "2024-01-01", "") + "\n", false },
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_file_is_loaded_as_it_is_only_when_every_value_is_stored_as_written_and_both_ways_store_the_same(string name, string content, bool verbatim)
    {
        Assert.Equal(verbatim, ReadOnly("detention", Write(content)).Verbatim is not null);
        var (outcome, rows) = await BothWays("detention", content);
        Assert.True(outcome.Accepted == rows.Count + outcome.RepeatedKeys, name);
    }

    [Fact]
    public async Task The_verbatim_load_keeps_every_value_an_empty_optional_value_is_missing_and_an_unknown_column_is_ignored()
    {
        var content = "\uFEFFend_date,备注,name,start_date,id_number\r\n2024-02-01,注,甲,2024-01-01," + Id(1) + "\r\n,,乙,2024-03-01," + Id(2) + "\r\n";
        var (outcome, rows) = await BothWays("detention", content);
        Assert.Equal((2, 2L), (outcome.Accepted, outcome.Stored.New));
        Assert.Contains(outcome.Warnings, x => x.Contains("备注", StringComparison.Ordinal));
        Assert.Equal($"{Id(1)}|甲|2024-01-01|2024-02-01\n{Id(2)}|乙|2024-03-01|", Snapshot(rows));
    }

    [Fact]
    public async Task A_file_whose_name_DuckDB_would_read_as_a_pattern_is_staged()
    {
        var path = Write($"id_number,name,death_date\n{Id(1)},甲,2024-01-01\n", "death[1].csv");
        Assert.Null(ReadOnly("death", path).Verbatim);
        var w = await CreateAsync();
        Assert.Equal(1L, (await ImportAsync(w, "death", path, verbatim: true)).Stored.New);
        Assert.Equal("2024-01-01", Assert.Single(await w.Current("death"))["death_date"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_verbatim_re_import_counts_new_replaced_and_unchanged_rows(string kind)
    {
        var w = await CreateAsync(kind);
        var header = "id_number,name,settlement_no,settled_on,total_cost,out_of_pocket\n";
        var first = Write(header + $"{Id(1)},甲,S1,2024-01-01,100,50\n{Id(2)},乙,S2,2024-01-02,200,0\n");
        var second = Write(header + $"{Id(1)},甲,S1,2024-01-01,100.00,50.0\n{Id(2)},乙,S2,2024-01-02,250,0\n{Id(3)},丙,S3,2024-01-03,1,1\n");
        Assert.NotNull(ReadOnly("medical", second).Verbatim);
        Assert.Equal((2L, 0L, 0L), (await ImportAsync(w, "medical", first, true)).Stored is var s1 ? (s1.New, s1.Replaced, s1.Unchanged) : default);
        var again = await ImportAsync(w, "medical", second, true);
        Assert.Equal((1L, 1L, 1L), (again.Stored.New, again.Stored.Replaced, again.Stored.Unchanged));
        Assert.Equal(["100.00", "250.00", "1.00"], (await w.Current("medical")).Select(r => r["total_cost"]));
        Assert.Equal(4, await StoredRowCount(w, "medical"));
    }

    /// <summary>
    /// Blocks of several megabytes: the file turns out not to be verbatim in its third block (a key of the first block
    /// again), so the blocks read before are staged afterwards and the later ones directly; the later row must win.
    /// </summary>
    [Fact]
    public async Task A_large_file_that_stops_being_verbatim_late_stages_its_earlier_blocks_and_keeps_the_later_row_of_a_key()
    {
        var text = new StringBuilder("id_number,name,settlement_no,settled_on,total_cost,out_of_pocket\n");
        var rows = 0;
        var repeatLine = 0;
        while (text.Length < FeedFileReader.BlockSize * 7)
        {
            if (repeatLine == 0 && text.Length > FeedFileReader.BlockSize * 5 / 2)
            {
                text.Append(Id(5)).Append(",某某,S000000007,2024-02-02,999,1\n");   // the key of line 8
                repeatLine = rows + 2;
                rows++;
                continue;
            }
            rows++;
            text.Append(Id((rows % 900) + 1)).Append(",某某,S").Append(rows.ToString("D9", System.Globalization.CultureInfo.InvariantCulture))
                .Append(",2024-01-01,100.5,20\n");
        }
        var content = text.ToString();
        Assert.Null(ReadOnly("medical", Write(content)).Verbatim);
        var (outcome, stored) = await BothWays("medical", content);
        Assert.Equal((rows, 1), (outcome.Accepted, outcome.RepeatedKeys));
        Assert.Contains(outcome.Warnings, x => x.Contains($"第 {repeatLine} 行", StringComparison.Ordinal));
        Assert.Equal(rows - 1, stored.Count);
        Assert.Equal("999.00", stored.Single(r => r["settlement_no"] == "S000000007")["total_cost"]);
    }
}
