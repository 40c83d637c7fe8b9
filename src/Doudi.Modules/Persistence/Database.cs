using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Doudi.Persistence;

/// <summary>
/// Where the data lives: a SQLite file (the embedded default, <c>data/doudi.db</c>) or a PostgreSQL
/// connection string (<c>--connection</c> or DOUDI_CONNECTION).
/// </summary>
public sealed record DatabaseLocation(string? SqlitePath, string? PostgresConnection)
{
    public const string DefaultSqlitePath = "data/doudi.db";

    public bool IsPostgres => PostgresConnection is not null;

    public static DatabaseLocation Resolve(string? database, string? connection)
    {
        if (!string.IsNullOrWhiteSpace(connection)) return new(null, connection);
        if (!string.IsNullOrWhiteSpace(database)) return new(database, null);
        var env = Environment.GetEnvironmentVariable("DOUDI_CONNECTION");
        if (!string.IsNullOrWhiteSpace(env)) return new(null, env);
        return new(DefaultSqlitePath, null);
    }

    public override string ToString() => IsPostgres ? "PostgreSQL" : $"SQLite {SqlitePath}";

    public DoudiDb Open()
    {
        if (IsPostgres)
        {
            var options = new DbContextOptionsBuilder<PostgresDoudiDb>()
                .UseNpgsql(PostgresConnection, o => o.MigrationsAssembly(typeof(DoudiDb).Assembly.GetName().Name))
                .Options;
            return new PostgresDoudiDb(options);
        }
        var full = Path.GetFullPath(SqlitePath!);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var builder = new SqliteConnectionStringBuilder { DataSource = full, ForeignKeys = true, Pooling = true };
        var sqlite = new DbContextOptionsBuilder<SqliteDoudiDb>()
            .UseSqlite(builder.ToString())
            .AddInterceptors(SqlitePragmas.Instance)
            .Options;
        return new SqliteDoudiDb(sqlite);
    }

    /// <summary>Brings the schema up to date and checks the SQLite settings the platform relies on.</summary>
    public async Task MigrateAsync(CancellationToken ct = default)
    {
        await using var db = Open();
        await db.Database.MigrateAsync(ct);
        if (!IsPostgres) await SqlitePragmas.VerifyAsync(db, ct);
    }
}

/// <summary>Design-time factories for `dotnet ef migrations add`.</summary>
public sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteDoudiDb>
{
    public SqliteDoudiDb CreateDbContext(string[] args) =>
        (SqliteDoudiDb)new DatabaseLocation(Path.Combine(Path.GetTempPath(), "doudi-design.db"), null).Open();
}

public sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresDoudiDb>
{
    public PostgresDoudiDb CreateDbContext(string[] args) =>
        (PostgresDoudiDb)new DatabaseLocation(null, "Host=127.0.0.1;Database=doudi_design;Username=postgres").Open();
}
