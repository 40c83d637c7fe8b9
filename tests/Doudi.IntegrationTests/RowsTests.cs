using System.Data.Common;
using Doudi.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Doudi.IntegrationTests;

/// <summary>
/// The forward-only reader of the large reads: on SQLite it reads the statement with SQLite's own functions, so it is
/// checked against Microsoft.Data.Sqlite's reader; on PostgreSQL it is Npgsql's reader behind the same calls.
/// </summary>
public sealed class RowsTests
{
    private const string Query =
        "SELECT \"Id\", \"Name\", \"Note\", \"On\", CASE WHEN \"On\" <= @p0 THEN 1 ELSE 0 END FROM \"rows_probe\" ORDER BY \"Id\"";

    private static readonly DateOnly Day = new(2024, 5, 31);

    private static async Task<DoudiDb> ProbeAsync(string kind)
    {
        var db = (await TestDatabases.CreateAsync(kind)).Open();
        await db.Database.ExecuteSqlRawAsync("CREATE TABLE \"rows_probe\" (\"Id\" BIGINT PRIMARY KEY, \"Name\" TEXT NOT NULL, \"Note\" TEXT, \"On\" DATE NOT NULL)");
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO \"rows_probe\" VALUES (1, '张三', NULL, '2024-05-31'), (2, 'Zoë 𠀀 x', '', '2024-06-01'), " +
            "(9007199254740993, '', 'note', '1999-12-31')");
        await db.Database.OpenConnectionAsync();
        return db;
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Reads_every_kind_of_value_and_binds_the_day(string kind)
    {
        await using var db = await ProbeAsync(kind);
        var read = new List<string>();
        using (var rows = Rows.Open(db.Database.GetDbConnection(), Query, Day))
        {
            while (rows.Read())
                read.Add($"{rows.GetInt64(0)}|{rows.GetString(1)}|{(rows.IsDBNull(2) ? "NULL" : rows.GetString(2))}|{rows.GetDate(3):yyyy-MM-dd}|{rows.GetInt64(4)}");
        }
        Assert.Equal(
        [
            "1|张三|NULL|2024-05-31|1",
            "2|Zoë 𠀀 x||2024-06-01|0",
            "9007199254740993||note|1999-12-31|1",
        ], read);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_NULL_read_as_text_is_an_error(string kind)
    {
        await using var db = await ProbeAsync(kind);
        using var rows = Rows.Open(db.Database.GetDbConnection(), Query, Day);
        Assert.True(rows.Read());
        Assert.ThrowsAny<InvalidCastException>(() => rows.GetString(2));
    }

    [Fact]
    public async Task On_SQLite_it_reads_what_the_provider_reads()
    {
        await using var db = await ProbeAsync("sqlite");
        var connection = db.Database.GetDbConnection();
        var expected = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = Query;
            command.Parameters.Add(new SqliteParameter("@p0", Day));
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) expected.Add(Line(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetFieldValue<DateOnly>(3), reader.GetInt64(4)));
        }
        var read = new List<string>();
        using (var rows = Rows.Open(connection, Query, Day))
        {
            while (rows.Read()) read.Add(Line(rows.GetInt64(0), rows.GetString(1), rows.IsDBNull(2) ? null : rows.GetString(2), rows.GetDate(3), rows.GetInt64(4)));
        }
        Assert.Equal(3, read.Count);
        Assert.Equal(expected, read);

        static string Line(long id, string name, string? note, DateOnly on, long covers) => $"{id}|{name}|{note ?? "NULL"}|{on:yyyy-MM-dd}|{covers}";
    }

    [Fact]
    public async Task On_SQLite_a_bad_statement_is_SQLite_s_own_error()
    {
        await using var db = await ProbeAsync("sqlite");
        var e = Assert.Throws<SqliteException>(() => Rows.Open(db.Database.GetDbConnection(), "SELECT \"Nope\" FROM \"rows_probe\"", Day));
        Assert.Contains("no such column: \"Nope\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_SQLite_the_connection_must_be_open()
    {
        var location = await TestDatabases.CreateAsync("sqlite");
        await using var connection = new SqliteConnection($"Data Source={location.SqlitePath}");
        Assert.Throws<InvalidOperationException>(() => Rows.Open((DbConnection)connection, Query, Day));
    }
}
