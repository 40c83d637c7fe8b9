using Doudi.Persistence;
using Npgsql;

namespace Doudi.IntegrationTests;

/// <summary>
/// Fresh, migrated databases for a test: a SQLite file in a temp folder, or a new database on the
/// throwaway PostgreSQL server that test.sh starts (DOUDI_TEST_PG).
/// </summary>
public static class TestDatabases
{
    public static readonly TheoryData<string> Both = new() { "sqlite", "postgres" };

    public static async Task<DatabaseLocation> CreateAsync(string kind)
    {
        if (kind == "sqlite")
        {
            var dir = Directory.CreateTempSubdirectory("doudi-test-");
            var location = new DatabaseLocation(Path.Combine(dir.FullName, "doudi.db"), null);
            await location.MigrateAsync();
            return location;
        }
        var server = Environment.GetEnvironmentVariable("DOUDI_TEST_PG")
            ?? throw new InvalidOperationException("DOUDI_TEST_PG is not set: run the suite through ./test.sh, which starts PostgreSQL");
        var name = "doudi_" + Guid.NewGuid().ToString("N")[..12];
        await using (var conn = new NpgsqlConnection(server + ";Database=postgres"))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        var pg = new DatabaseLocation(null, server + ";Database=" + name);
        await pg.MigrateAsync();
        return pg;
    }
}
