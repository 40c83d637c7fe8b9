using System.Text;
using Doudi.Feeds;
using Doudi.Imports;
using Doudi.IntegrationTests.Monitoring;
using static Doudi.IntegrationTests.Feeds.FeedImportPathTests;
using static Doudi.IntegrationTests.Monitoring.MonitoringWorld;

namespace Doudi.IntegrationTests.Feeds;

/// <summary>
/// A UTF-8 CSV takes the fast reader, which writes the accepted rows to a staging Parquet file itself; GB18030 and
/// .xlsx files take the general reader, whose rows DuckDB's appender stores. Each awkward case is imported both ways
/// and must give the same counts, warnings, errors and stored rows.
/// </summary>
public sealed class FeedFastReaderTests : IDisposable
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
        var directory = Directory.CreateTempSubdirectory("doudi-fast-reader-").FullName;
        _directories.Add(directory);
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes(content));
        return path;
    }

    private static async Task<ImportFeedOutcome.Imported> ImportAsync(MonitoringWorld w, string type, string path, bool fast = true) =>
        Assert.IsType<ImportFeedOutcome.Imported>(await new ImportFeedHandler(w.Location, w.Store) { FastReader = fast }
            .Handle(new ImportFeed(FeedTypes.Get(type), ImportSource.FromFile(path), path + ".errors.csv", null, 0.5m, Today, "test"), CancellationToken.None));

    private static string Snapshot(List<FeedRow> rows) => string.Join("\n", rows.Select(r => string.Join("|", r.Values)));

    /// <summary>Imports the file both ways into two fresh worlds; returns the fast reader's outcome and rows.</summary>
    private async Task<(ImportFeedOutcome.Imported Outcome, List<FeedRow> Rows)> BothWays(string type, string content, string kind = "sqlite")
    {
        var path = Write(content);
        var (a, b) = (await CreateAsync(kind), await CreateAsync(kind));
        var fast = await ImportAsync(a, type, path, fast: true);
        var general = await ImportAsync(b, type, path, fast: false);
        Assert.Equal((general.Read, general.Accepted, general.Rejected, general.RepeatedKeys), (fast.Read, fast.Accepted, fast.Rejected, fast.RepeatedKeys));
        Assert.Equal(general.Stored, fast.Stored);
        Assert.Equal(general.Warnings, fast.Warnings);
        Assert.Equal(general.Errors, fast.Errors);
        var rows = await a.Current(type);
        Assert.Equal(Snapshot(await b.Current(type)), Snapshot(rows));
        // The staging file became the batch's file or was removed.
        Assert.Empty(Directory.GetFiles(Path.Combine(a.Store.BatchesPath, "staging")));
        return (fast, rows);
    }

    public static TheoryData<string, string> Cases()
    {
        string R(params string[] f) => string.Join(",", f);
        var (i1, i2, i3) = (Id(1), Id(2), Id(3));
        var lower = Enumerable.Range(1, 999).Select(Id).First(id => id.EndsWith('X'))[..17] + "x";
        return new()
        {
            // BOM, CRLF, an empty optional value, an unknown column, columns in another order.
            { "bom crlf reordered extra column", "\uFEFF" + R("end_date", "备注", "name", "start_date", "id_number") + "\r\n" +
                R("2024-02-01", "x", "甲", "2024-01-01", i1) + "\r\n" + R("", "", "乙", "2024-03-01", i2) + "\r\n" },
            { "lf, last line without a line break", R("id_number", "name", "start_date", "end_date") + "\n" +
                R(i2, "乙", "2024-03-01", "") + "\n" + R(i3, "丙", "2024-03-05", "2024-04-01") },
            { "header only", R("id_number", "name", "start_date", "end_date") + "\n" },
            { "lower-case x", R("id_number", "name", "start_date", "end_date") + "\n" + R(lower, "甲", "2024-01-01", "") + "\n" },
            { "value to trim", R("id_number", "name", "start_date", "end_date") + "\n" + R(i2, " 乙", "2024-01-01", "") + "\n" },
            { "white space as an empty optional value", R("id_number", "name", "start_date", "end_date") + "\n" + R(i2, "乙", "2024-01-01", "  ") + "\n" },
            { "quoted value", R("id_number", "name", "start_date", "end_date") + "\n" + R(i2, "\"乙,丙\"", "2024-01-01", "") + "\n" },
            { "blank line", R("id_number", "name", "start_date", "end_date") + "\n" + R(i2, "乙", "2024-01-01", "") + "\n\n" + R(i3, "丙", "2024-01-01", "") + "\n" },
            { "mixed line breaks", R("id_number", "name", "start_date", "end_date") + "\r\n" + R(i2, "乙", "2024-01-01", "") + "\n" + R(i3, "丙", "2024-01-01", "") + "\r\n" },
            { "rejected row", R("id_number", "name", "start_date", "end_date") + "\n" + R(i2, "乙", "2024-01-01", "") + "\n" + R(i3, "丙", "2024-01-01", "2023-01-01") + "\n" },
            { "repeated key", R("id_number", "name", "start_date", "end_date") + "\n" + R(i2, "乙", "2024-01-01", "") + "\n" + R(i2, "乙", "2024-01-01", "2024-05-01") + "\n" },
            { "blank line before the header", "\n" + R("id_number", "name", "start_date", "end_date") + "\n" + R(i2, "乙", "2024-01-01", "") + "\n" },
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_fast_reader_stores_what_the_general_reader_stores(string name, string content)
    {
        var (outcome, rows) = await BothWays("detention", content);
        Assert.True(outcome.Accepted == rows.Count + outcome.RepeatedKeys, name);
    }

    [Fact]
    public async Task Every_value_is_kept_an_empty_optional_value_is_missing_and_an_unknown_column_is_ignored()
    {
        var content = "\uFEFFend_date,备注,name,start_date,id_number\r\n2024-02-01,注,甲,2024-01-01," + Id(1) + "\r\n,,乙,2024-03-01," + Id(2) + "\r\n";
        var (outcome, rows) = await BothWays("detention", content);
        Assert.Equal((2, 2L), (outcome.Accepted, outcome.Stored.New));
        Assert.Contains(outcome.Warnings, x => x.Contains("备注", StringComparison.Ordinal));
        Assert.Equal($"{Id(1)}|甲|2024-01-01|2024-02-01\n{Id(2)}|乙|2024-03-01|", Snapshot(rows));
    }

    [Fact]
    public async Task A_file_whose_name_DuckDB_would_read_as_a_pattern_is_imported_like_any_other()
    {
        var path = Write($"id_number,name,death_date\n{Id(1)},甲,2024-01-01\n", "death[1].csv");
        var w = await CreateAsync();
        Assert.Equal(1L, (await ImportAsync(w, "death", path)).Stored.New);
        Assert.Equal("2024-01-01", Assert.Single(await w.Current("death"))["death_date"]);
    }

    [Fact]
    public async Task Every_kind_of_value_is_stored_with_its_type_and_read_back_as_written()
    {
        // A grade (INTEGER), a date, money with and without decimals, codes, a region, a month, an optional value left out.
        var w = await CreateAsync();
        await ImportAsync(w, "disability", Write($"id_number,name,category,grade,certified_on\n{Id(1)},甲,visual,2,2020-02-29\n", "disability.csv"));
        await ImportAsync(w, "pension", Write($"id_number,name,month,kind,amount\n{Id(1)},甲,2024-05,basic,1234.5\n{Id(2)},乙,2024-05,basic,7\n", "pension.csv"));
        Assert.Equal("visual|2|2020-02-29", string.Join("|", Assert.Single(await w.Current("disability")).Values.Skip(2)));
        Assert.Equal(["2024-05|basic|1234.50", "2024-05|basic|7.00"], (await w.Current("pension")).Select(r => string.Join("|", r.Values.Skip(2))));
        await using var duck = await w.Store.OpenAsync(false);
        await using (var db = w.Location.Open())
            await w.Store.LoadCommitted(duck, await Doudi.Monitoring.FeedEngine.CommittedFeedBatches(db, CancellationToken.None), CancellationToken.None);
        await using var command = duck.CreateCommand();
        command.CommandText = "SELECT typeof(grade), typeof(certified_on) FROM feed_disability_rows";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(("INTEGER", "DATE"), (reader.GetString(0), reader.GetString(1)));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_re_import_counts_new_replaced_and_unchanged_rows(string kind)
    {
        var w = await CreateAsync(kind);
        var header = "id_number,name,settlement_no,settled_on,total_cost,out_of_pocket\n";
        var first = Write(header + $"{Id(1)},甲,S1,2024-01-01,100,50\n{Id(2)},乙,S2,2024-01-02,200,0\n");
        var second = Write(header + $"{Id(1)},甲,S1,2024-01-01,100.00,50.0\n{Id(2)},乙,S2,2024-01-02,250,0\n{Id(3)},丙,S3,2024-01-03,1,1\n");
        Assert.Equal((2L, 0L, 0L), (await ImportAsync(w, "medical", first)).Stored is var s1 ? (s1.New, s1.Replaced, s1.Unchanged) : default);
        var again = await ImportAsync(w, "medical", second);
        Assert.Equal((1L, 1L, 1L), (again.Stored.New, again.Stored.Replaced, again.Stored.Unchanged));
        Assert.Equal(["100.00", "250.00", "1.00"], (await w.Current("medical")).Select(r => r["total_cost"]));
        Assert.Equal(4, await StoredRowCount(w, "medical"));
    }

    /// <summary>
    /// Blocks of several megabytes (row groups of the staging file): a key of the first block comes again in the third,
    /// so the earlier row is found by its place in the staging file, counted across row groups; the later row must win.
    /// </summary>
    [Fact]
    public async Task A_key_repeated_blocks_later_in_a_large_file_keeps_the_later_row()
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
        var (outcome, stored) = await BothWays("medical", content);
        Assert.Equal((rows, 1), (outcome.Accepted, outcome.RepeatedKeys));
        Assert.Contains(outcome.Warnings, x => x.Contains($"第 {repeatLine} 行", StringComparison.Ordinal));
        Assert.Equal(rows - 1, stored.Count);
        Assert.Equal("999.00", stored.Single(r => r["settlement_no"] == "S000000007")["total_cost"]);
    }
}
