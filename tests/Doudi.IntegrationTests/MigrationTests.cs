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

    [Fact]
    public async Task Sqlite_runs_in_wal_mode_with_full_sync_and_foreign_keys()
    {
        var location = await TestDatabases.CreateAsync("sqlite");
        await using var db = location.Open();
        await SqlitePragmas.VerifyAsync(db, CancellationToken.None);
    }
}
