using Doudi.Imports;
using Microsoft.EntityFrameworkCore;

namespace Doudi.IntegrationTests;

/// <summary>The bulk writer tells the ids of the rows it inserts where the database can (the alert writer relies on it).</summary>
public sealed class BulkWriterIdsTests
{
    [Fact]
    public async Task On_SQLite_each_new_row_s_id_is_told_in_order_whichever_way_its_values_are_bound()
    {
        var location = await TestDatabases.CreateAsync("sqlite");
        await using var db = location.Open();
        await db.Database.ExecuteSqlRawAsync("CREATE TABLE \"ids_probe\" (\"Id\" INTEGER PRIMARY KEY AUTOINCREMENT, \"Name\" TEXT NOT NULL, \"Amount\" NUMERIC NULL)");
        // A gap left by a deleted row: the next id is not the row count plus one.
        await db.Database.ExecuteSqlRawAsync("INSERT INTO \"ids_probe\" (\"Name\") VALUES ('a'), ('b'), ('c')");
        await db.Database.ExecuteSqlRawAsync("DELETE FROM \"ids_probe\" WHERE \"Name\" = 'c'");
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var bulk = BulkWriter.For(db);
            Assert.True(bulk.TellsIds);
            var ids = new List<long>();
            // The decimal is not a plain value: that row goes through Microsoft.Data.Sqlite's command.
            await bulk.InsertAsync("ids_probe", ["Name", "Amount"], [["d", null], ["e", 12.5m], ["f", 3L]], ids, CancellationToken.None);
            await transaction.CommitAsync();
            var stored = await db.Database.SqlQueryRaw<long>("SELECT \"Id\" AS \"Value\" FROM \"ids_probe\" WHERE \"Name\" IN ('d', 'e', 'f') ORDER BY \"Name\"").ToListAsync();
            Assert.Equal(stored, ids);
            Assert.Equal([4L, 5L, 6L], ids);
        }
    }

    [Fact]
    public async Task On_PostgreSQL_COPY_tells_no_ids()
    {
        var location = await TestDatabases.CreateAsync("postgres");
        await using var db = location.Open();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var bulk = BulkWriter.For(db);
        Assert.False(bulk.TellsIds);
        await Assert.ThrowsAsync<NotSupportedException>(() => bulk.InsertAsync("alerts", ["Rule"], [], [], CancellationToken.None));
    }
}
