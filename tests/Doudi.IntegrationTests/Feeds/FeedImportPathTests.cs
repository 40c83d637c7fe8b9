using Doudi.Feeds;
using Doudi.IntegrationTests.Monitoring;
using Doudi.Monitoring;
using static Doudi.IntegrationTests.Monitoring.MonitoringWorld;

namespace Doudi.IntegrationTests.Feeds;

/// <summary>
/// The store's shortcuts (docs/adr/0003): a first import goes straight into the feed table, an import none of whose
/// keys is stored skips the comparison; the counts and the stored rows must be those of the full comparison.
/// </summary>
public class FeedImportPathTests
{
    internal static Task<long> StoredRowCount(MonitoringWorld w, string type) => w.Store.StoredRowCountAsync(FeedTypes.Get(type));

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_first_import_stores_every_row_as_new_and_later_imports_still_count_new_replaced_and_unchanged(string kind)
    {
        var w = await CreateAsync(kind);
        var first = Assert.IsType<ImportFeedOutcome.Imported>(await w.Feed("medical",
            [Id(1), "甲", "S1", "2024-01-01", "100", "50"], [Id(2), "乙", "S2", "2024-01-02", "200.5", "0"], [Id(3), "丙", "S3", "2024-01-03", "3", "3"]));
        Assert.Equal((3L, 0L, 0L, 0), (first.Stored.New, first.Stored.Replaced, first.Stored.Unchanged, first.RepeatedKeys));
        Assert.Equal(["200.50", "2024-01-02"], [(await w.Current("medical"))[1]["total_cost"], (await w.Current("medical"))[1]["settled_on"]]);

        // None of these keys is stored: every row is new, without a comparison.
        var other = Assert.IsType<ImportFeedOutcome.Imported>(await w.Feed("medical",
            [Id(4), "丁", "S4", "2024-02-01", "10", "1"], [Id(5), "戊", "S5", "2024-02-02", "20", "2"]));
        Assert.Equal((2L, 0L, 0L), (other.Stored.New, other.Stored.Replaced, other.Stored.Unchanged));

        // One key unchanged, one replaced, one new.
        var mixed = Assert.IsType<ImportFeedOutcome.Imported>(await w.Feed("medical",
            [Id(1), "甲", "S1", "2024-01-01", "100.00", "50"], [Id(2), "乙", "S2", "2024-01-02", "999", "0"], [Id(6), "己", "S6", "2024-03-01", "1", "1"]));
        Assert.Equal((1L, 1L, 1L), (mixed.Stored.New, mixed.Stored.Replaced, mixed.Stored.Unchanged));

        var rows = await w.Current("medical");
        Assert.Equal(["S1", "S2", "S3", "S4", "S5", "S6"], rows.Select(r => r["settlement_no"]));
        Assert.Equal("999.00", rows[1]["total_cost"]);
        Assert.Equal(7, await StoredRowCount(w, "medical"));   // 3 + 2 + the replaced and the new row; the unchanged one not again
    }

    [Fact]
    public async Task A_first_import_with_a_repeated_key_keeps_the_later_row_and_counts_the_kept_rows_as_new()
    {
        var w = await CreateAsync();
        var outcome = Assert.IsType<ImportFeedOutcome.Imported>(await w.Feed("vehicle",
            [Id(1), "甲", "粤A1", "car", "2020-01-01"], [Id(2), "乙", "粤A2", "car", "2020-01-01"], [Id(3), "丙", "粤A1", "bus", "2021-01-01"]));
        Assert.Equal((3, 1, 2L), (outcome.Accepted, outcome.RepeatedKeys, outcome.Stored.New));
        Assert.Contains(outcome.Warnings, x => x.Contains("第 4 行", StringComparison.Ordinal));
        Assert.Equal([(Id(3), "bus"), (Id(2), "car")], (await w.Current("vehicle")).Select(r => (r.IdNumber, r["vehicle_type"])));
        Assert.Equal(2, await StoredRowCount(w, "vehicle"));
    }

    [Fact]
    public async Task A_key_sent_three_times_in_one_file_keeps_its_last_row_and_the_warning_names_the_rows_that_repeated_it()
    {
        var w = await CreateAsync();
        var outcome = Assert.IsType<ImportFeedOutcome.Imported>(await w.Feed("vehicle",
            [Id(1), "甲", "粤A00001", "car", "2020-01-01"],
            [Id(2), "乙", "粤A00002", "truck", "2021-01-01"],
            [Id(3), "丙", "粤A00001", "bus", "2022-01-01"],
            [Id(4), "丁", "粤A00003", "car", "2023-01-01"],
            [Id(5), "戊", "粤A00001", "e_bike", "2024-01-01"]));
        Assert.Equal((5, 3L, 2), (outcome.Accepted, outcome.Stored.New, outcome.RepeatedKeys));
        Assert.Contains(outcome.Warnings, x => x.Contains("2 行与前面的行主键相同，以后出现的为准（如第 4, 6 行）", StringComparison.Ordinal));
        var rows = await w.Current("vehicle");
        Assert.Equal(["粤A00001", "粤A00002", "粤A00003"], rows.Select(r => r["plate"]));
        Assert.Equal((Id(5), "e_bike"), (rows[0].IdNumber, rows[0]["vehicle_type"]));
        Assert.Equal(3, await StoredRowCount(w, "vehicle"));
    }

    [Fact]
    public async Task Rows_an_earlier_version_kept_in_the_duckdb_file_are_read_with_the_batch_files_and_replaced_by_them()
    {
        var w = await CreateAsync();
        await w.Feed("medical", [Id(1), "甲", "S1", "2024-01-01", "100", "50"], [Id(2), "乙", "S2", "2024-01-02", "200", "0"]);
        // Move the batch's file into the DuckDB file's table, as stores written before batch files hold their rows.
        var folder = Path.Combine(w.Store.BatchesPath, FeedTypes.Get("medical").Table);
        var file = Assert.Single(Directory.GetFiles(folder, "*.parquet"));
        await using (var duck = await w.Store.OpenAsync(write: true))
        {
            await FeedStore.Execute(duck, $"INSERT INTO feeds.feed_medical SELECT {Path.GetFileNameWithoutExtension(file)}, * FROM read_parquet('{file}')", CancellationToken.None);
            await FeedStore.Execute(duck, "DELETE FROM feeds.batch_files", CancellationToken.None);
        }
        File.Delete(file);
        Assert.Equal(["100.00", "200.00"], (await w.Current("medical")).Select(r => r["total_cost"]));

        var outcome = Assert.IsType<ImportFeedOutcome.Imported>(await w.Feed("medical",
            [Id(1), "甲", "S1", "2024-01-01", "100", "50"], [Id(2), "乙", "S2", "2024-01-02", "250", "0"], [Id(3), "丙", "S3", "2024-01-03", "3", "3"]));
        Assert.Equal((1L, 1L, 1L), (outcome.Stored.New, outcome.Stored.Replaced, outcome.Stored.Unchanged));
        Assert.Equal(["100.00", "250.00", "3.00"], (await w.Current("medical")).Select(r => r["total_cost"]));
        Assert.Equal(4, await StoredRowCount(w, "medical"));
        Assert.Single(Directory.GetFiles(folder));
    }

    [Fact]
    public async Task A_file_the_duckdb_file_does_not_list_is_never_read_and_the_next_write_of_its_type_removes_it()
    {
        var w = await CreateAsync();
        await w.Feed("medical", [Id(1), "甲", "S1", "2024-01-01", "100", "50"]);
        var folder = Path.Combine(w.Store.BatchesPath, FeedTypes.Get("medical").Table);
        var stale = Assert.Single(Directory.GetFiles(folder));
        // The DuckDB file is deleted and the folder left behind (or a crash came between the rename and the commit):
        // its batch is still committed in the transactional database, but no list names its file.
        File.Delete(w.Store.Path);
        File.Delete(w.Store.Path + ".wal");
        Assert.Empty(await w.Current("medical"));

        await w.Feed("medical", [Id(2), "乙", "S2", "2024-01-02", "200", "0"]);
        Assert.Equal([Id(2)], (await w.Current("medical")).Select(r => r.IdNumber));
        Assert.False(File.Exists(stale));
        Assert.Single(Directory.GetFiles(folder));
    }

    [Fact]
    public async Task A_committed_batch_whose_file_was_deleted_stops_every_reader_with_a_message_naming_the_file()
    {
        var w = await CreateAsync();
        await w.Feed("medical", [Id(1), "甲", "S1", "2024-01-01", "100", "50"]);
        var file = Assert.Single(Directory.GetFiles(Path.Combine(w.Store.BatchesPath, FeedTypes.Get("medical").Table)));
        File.Delete(file);
        var e = await Assert.ThrowsAsync<FeedStoreDamagedException>(() => w.Current("vehicle"));
        Assert.Contains(file, e.Message, StringComparison.Ordinal);
        Assert.Contains("备份", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_that_fails_half_way_leaves_no_file_and_no_listed_batch()
    {
        var w = await CreateAsync();
        var death = FeedTypes.Get("death");
        // The second row's date is text: DuckDB refuses it after the first row went in, inside the write.
        await Assert.ThrowsAnyAsync<Exception>(() => w.Store.WriteBatchAsync(death, 7, [],
            [[Id(1), "甲", new DateOnly(2024, 1, 1)], [Id(2), "乙", "not a date"]]));
        Assert.Equal(0, await w.Store.StoredRowCountAsync(death));
        var folder = Path.Combine(w.Store.BatchesPath, death.Table);
        Assert.True(!Directory.Exists(folder) || Directory.GetFiles(folder).Length == 0);

        await w.Store.WriteBatchAsync(death, 8, [], [[Id(3), "丙", new DateOnly(2024, 2, 2)]]);
        Assert.Equal(["8.parquet"], Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_store_that_fails_after_writing_its_file_removes_the_file_and_lists_nothing()
    {
        var w = await CreateAsync();
        var death = FeedTypes.Get("death");
        // The reader says it accepted five rows; the staging file holds one. The file is made the batch's before the
        // count check refuses the batch.
        var stage = StagingFile(w, death, [Id(1), "甲", new DateOnly(2024, 1, 1)]);
        var read = new FeedFileRead(5, 0, [], [], [1], []);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => w.Store.WriteStagedBatchAsync(death, 9, [], stage, read));
        Assert.Contains("DuckDB read 1 rows, the reader accepted 5", refused.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(w.Store.BatchesPath, death.Table)));
        Assert.Equal(0, await w.Store.StoredRowCountAsync(death));
    }

    /// <summary>
    /// Two different keys whose hashes are equal (a collision, forced here: the reader's pairs say rows 0, 1 and 2 hash
    /// alike, but only rows 0 and 2 have one key): the store finds that the pairs are not all repeats, ranks every row
    /// by key instead, keeps the later row of the repeated key and names its line.
    /// </summary>
    [Fact]
    public async Task Equal_hashes_of_different_keys_are_found_out_and_only_the_truly_repeated_key_loses_a_row()
    {
        var w = await CreateAsync();
        var death = FeedTypes.Get("death");
        var stage = StagingFile(w, death, [Id(1), "甲", new DateOnly(2024, 1, 1)], [Id(2), "乙", new DateOnly(2024, 1, 2)], [Id(1), "甲", new DateOnly(2024, 1, 3)]);
        var read = new FeedFileRead(3, 0, [], [], [1], [new KeyRepeat(0, 1, 0, 2), new KeyRepeat(1, 2, 0, 3)]);
        var outcome = await w.Store.WriteStagedBatchAsync(death, 9, [], stage, read);
        Assert.Equal((2L, 1), (outcome.Stored.New, outcome.RepeatedKeys));
        Assert.Equal([(0, 3)], outcome.FirstRepeated);
        await using var duck = await w.Store.OpenAsync(false);
        await w.Store.LoadCommitted(duck, [9], CancellationToken.None);
        var rows = new List<FeedRow>();
        await foreach (var row in FeedStore.ReadCurrentAsync(duck, death, onlyWanted: false)) rows.Add(row);
        Assert.Equal([$"{Id(1)}|甲|2024-01-03", $"{Id(2)}|乙|2024-01-02"], rows.Select(r => string.Join("|", r.Values)).Order(StringComparer.Ordinal));
    }

    /// <summary>A staging file as the fast reader writes it, holding the given rows (values as the store keeps them).</summary>
    private static string StagingFile(MonitoringWorld w, FeedType type, params object?[][] rows)
    {
        var path = w.Store.NewStagePath();
        using var writer = new FeedParquetWriter(type, path);
        var block = new BlockColumns(type);
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                switch (row[i])
                {
                    case null: block.AddNull(i); break;
                    case DateOnly d: block.AddInt(i, FeedParquet.Days(d)); break;
                    case string s: System.Text.Encoding.UTF8.GetBytes(s, block.AddText(i, System.Text.Encoding.UTF8.GetByteCount(s))); break;
                }
            }
            block.EndRow();
        }
        writer.Write(block);
        writer.Close();
        return path;
    }
}
