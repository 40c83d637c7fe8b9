using Doudi.Feeds;
using Doudi.Monitoring;
using Microsoft.EntityFrameworkCore;
using static Doudi.IntegrationTests.Monitoring.MonitoringWorld;

namespace Doudi.IntegrationTests.Monitoring;

public class FeedImportTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_resent_key_replaces_the_stored_row_an_identical_row_is_unchanged_and_a_repeat_file_changes_nothing(string kind)
    {
        var w = await CreateAsync(kind);
        var first = Assert.IsType<ImportFeedOutcome.Imported>(await w.Feed("vehicle",
            [Id(1), "甲", "粤A00001", "car", "2020-01-01"], [Id(2), "乙", "粤A00002", "truck", "2021-01-01"]));
        Assert.Equal((2, 0, 0), (first.Stored.New, first.Stored.Replaced, first.Stored.Unchanged));

        var csv = Csv(FeedTypes.Get("vehicle"), [[Id(1), "甲", "粤A00001", "car", "2020-01-01"], [Id(3), "丙", "粤A00002", "e_bike", "2022-01-01"]]);
        var second = Assert.IsType<ImportFeedOutcome.Imported>(await w.Import("vehicle", csv));
        Assert.Equal((0, 1, 1), (second.Stored.New, second.Stored.Replaced, second.Stored.Unchanged));
        var repeat = Assert.IsType<ImportFeedOutcome.Repeat>(await w.Import("vehicle", csv));
        Assert.Equal(second.BatchId, repeat.Earlier.Id);

        var rows = await w.Current("vehicle");
        Assert.Equal(2, rows.Count);
        Assert.Equal((Id(3), "e_bike"), (rows.Single(r => r["plate"] == "粤A00002").IdNumber, rows.Single(r => r["plate"] == "粤A00002")["vehicle_type"]));
    }

    [Fact]
    public async Task Inside_one_file_the_later_row_of_a_key_wins_with_a_warning()
    {
        var w = await CreateAsync();
        var outcome = Assert.IsType<ImportFeedOutcome.Imported>(await w.Feed("death", [Id(1), "甲", "2024-01-01"], [Id(1), "甲", "2024-02-02"]));
        Assert.Equal((2, 2, 0, 1), (outcome.Read, outcome.Accepted, outcome.Rejected, outcome.RepeatedKeys));
        Assert.Contains(outcome.Warnings, w => w.Contains("第 3 行", StringComparison.Ordinal));
        Assert.Equal("2024-02-02", Assert.Single(await w.Current("death"))["death_date"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task More_than_five_percent_rejected_rows_reject_the_whole_file_and_store_nothing(string kind)
    {
        var w = await CreateAsync(kind);
        var rows = Enumerable.Range(1, 20).Select(n => new[] { Id(n), "某", "S" + n, "2024-01-01", "100", "50" }).ToList();
        rows[3][5] = "150";                        // out_of_pocket above total_cost
        var ok = Assert.IsType<ImportFeedOutcome.Imported>(await w.Import("medical", Csv(FeedTypes.Get("medical"), rows)));
        Assert.Equal((20, 19, 1), (ok.Read, ok.Accepted, ok.Rejected));   // exactly 5%: imported
        Assert.NotNull(ok.ErrorFile);

        var bad = rows.Select(r => r.ToArray()).ToList();
        bad[0][2] = "T1";
        bad[1][3] = "2024/01/01";
        bad[2][4] = "1,000";
        var refused = Assert.IsType<ImportFeedOutcome.Refused>(await w.Import("medical", Csv(FeedTypes.Get("medical"), bad)));
        Assert.Contains("5%", refused.Reason, StringComparison.Ordinal);
        await using var db = w.Location.Open();
        Assert.Equal(1, await db.ImportBatches.CountAsync());
        Assert.Equal(19, (await w.Current("medical")).Count);
    }

    [Fact]
    public async Task Rows_of_a_batch_the_transactional_database_never_committed_are_invisible_and_removed_by_the_next_import()
    {
        var w = await CreateAsync();
        await w.Household("H1", "dibao", new Person(Id(1), "甲"));
        // A crash between the DuckDB commit and the transactional commit leaves rows of batch 999.
        await w.Store.WriteBatchAsync(FeedTypes.Get("death"), 999, [], [[Id(1), "甲", new DateOnly(2024, 1, 1)]]);
        Assert.Empty(await w.Current("death"));
        Assert.Equal(0, (await w.Run()).Sum(c => c.Raised));

        await w.Feed("death", [Id(2), "乙", "2024-01-01"]);
        Assert.Equal(1L, await w.Store.StoredRowCountAsync(FeedTypes.Get("death")));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Two_imports_of_one_feed_type_at_the_same_time_both_keep_their_rows(string kind)
    {
        var w = await CreateAsync(kind);
        var type = FeedTypes.Get("death");
        Task<ImportFeedOutcome>? second = null;
        // The first import stops between its DuckDB commit and its transactional commit while a second one runs:
        // the second must wait for it, not remove its not-yet-committed rows as leftovers of a crash.
        var first = await w.Import("death", Csv(type, [[Id(1), "甲", "2024-01-01"]]), beforeCommit: async () =>
        {
            second = Task.Run(() => w.Import("death", Csv(type, [[Id(2), "乙", "2024-02-02"]])));
            await Task.WhenAny(second, Task.Delay(TimeSpan.FromSeconds(2)));
        });
        Assert.IsType<ImportFeedOutcome.Imported>(first);
        Assert.IsType<ImportFeedOutcome.Imported>(await second!);
        Assert.Equal([Id(1), Id(2)], (await w.Current("death")).Select(r => r.IdNumber).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task The_same_file_imported_twice_at_the_same_time_is_stored_once(string kind)
    {
        var w = await CreateAsync(kind);
        var csv = Csv(FeedTypes.Get("death"), [[Id(1), "甲", "2024-01-01"]]);
        Task<ImportFeedOutcome>? second = null;
        var first = await w.Import("death", csv, beforeCommit: async () =>
        {
            second = Task.Run(() => w.Import("death", csv));
            await Task.WhenAny(second, Task.Delay(TimeSpan.FromSeconds(2)));
        });
        var stored = Assert.IsType<ImportFeedOutcome.Imported>(first);
        Assert.Equal(stored.BatchId, Assert.IsType<ImportFeedOutcome.Repeat>(await second!).Earlier.Id);
        await using var db = w.Location.Open();
        Assert.Equal(1, await db.ImportBatches.CountAsync());
    }

    [Fact]
    public async Task A_file_without_a_required_column_is_refused_and_a_header_only_file_is_accepted_empty()
    {
        var w = await CreateAsync();
        Assert.IsType<ImportFeedOutcome.Refused>(await w.Import("death", "id_number,name\n" + Id(1) + ",甲\n"));
        var empty = Assert.IsType<ImportFeedOutcome.Imported>(await w.Import("death", "id_number,name,death_date\n"));
        Assert.Equal(0, empty.Read);
    }

    [Fact]
    public async Task Every_feed_type_rejects_its_own_bad_values_with_line_and_column()
    {
        var w = await CreateAsync();
        var outcome = Assert.IsType<ImportFeedOutcome.Refused>(await w.Feed("detention",
            [Id(1), "甲", "2024-05-01", "2024-04-01"], ["4.40106E+17", "乙", "2024-05-01", ""]));
        Assert.NotNull(outcome.ErrorFile);
        var lines = await File.ReadAllLinesAsync(outcome.ErrorFile!);
        Assert.Contains(lines, l => l.StartsWith("2,end_date,2024-04-01,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("3,id_number,", StringComparison.Ordinal) && l.Contains("stored as a number by Excel", StringComparison.Ordinal));
    }
}
