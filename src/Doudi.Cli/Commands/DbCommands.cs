using System.CommandLine;

namespace Doudi.Cli.Commands;

public static class DbCommands
{
    public static Command Build()
    {
        var migrate = new Command("migrate", "Bring the database schema up to date");
        migrate.SetAction(async (result, ct) =>
        {
            var location = CommonOptions.Location(result);
            await location.MigrateAsync(ct);
            Console.WriteLine($"database is up to date ({location})");
            return ExitCodes.Done;
        });
        var db = new Command("db", "Database maintenance");
        db.Subcommands.Add(migrate);
        return db;
    }
}
