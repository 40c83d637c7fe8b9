using Doudi.Persistence;
using Doudi.Registry;
using Microsoft.EntityFrameworkCore;

namespace Doudi.IntegrationTests;

public class MigrationTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_migrated_database_stores_and_returns_chinese_text(string kind)
    {
        var location = await TestDatabases.CreateAsync(kind);
        await using (var db = location.Open())
        {
            db.Regions.Add(new Region { Code = "440106001", Name = "沙河街道", ParentCode = "440106" });
            await db.SaveChangesAsync();
        }
        await using (var db = location.Open())
        {
            var region = await db.Regions.SingleAsync(r => r.Code == "440106001");
            Assert.Equal("沙河街道", region.Name);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task The_migrations_hold_every_change_of_the_model(string kind)
    {
        // A model change without `scripts/migrations.sh` would migrate a database that lacks it.
        var location = await TestDatabases.CreateAsync(kind);
        await using var db = location.Open();
        Assert.False(db.Database.HasPendingModelChanges(), $"{kind}: the EF model has changes no migration holds");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task The_newest_record_of_one_action_is_found_on_the_action_index_without_a_sort(string kind)
    {
        // The shape of 政策找人's "newest recompute run": one action, newest first, one row. Without the
        // (Action, Id) index both databases walk the whole log backwards (or sort it).
        var location = await TestDatabases.CreateAsync(kind);
        await using var db = location.Open();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        const string query = """SELECT "Id", "Subject", "Detail", "At" FROM audit_records WHERE "Action" = 'eligibility_recompute' ORDER BY "Id" DESC LIMIT 1""";
        var plan = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            // PostgreSQL: an empty table is cheaper to scan whole; the question is which index it can use.
            command.CommandText = kind == "sqlite" ? "EXPLAIN QUERY PLAN " + query : "SET enable_seqscan = off; EXPLAIN " + query;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) plan.Add(reader.GetValue(reader.FieldCount - 1).ToString()!);
        }
        var text = string.Join("\n", plan);
        Assert.Contains("IX_audit_records_Action_Id", text, StringComparison.Ordinal);
        Assert.DoesNotContain(kind == "sqlite" ? "TEMP B-TREE" : "Sort", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sqlite_runs_in_wal_mode_with_full_sync_and_foreign_keys()
    {
        var location = await TestDatabases.CreateAsync("sqlite");
        await using var db = location.Open();
        await SqlitePragmas.VerifyAsync(db, CancellationToken.None);
    }
}
