using System.CommandLine;
using Doudi.Persistence;

namespace Doudi.Cli;

/// <summary>Exit codes of the contract: 0 done, 1 failed, 2 bad input or usage.</summary>
public static class ExitCodes
{
    public const int Done = 0;
    public const int Failed = 1;
    public const int BadInput = 2;
}

/// <summary>Thrown by a command for bad input: printed on stderr, exit code 2.</summary>
public sealed class BadInputException(string message) : Exception(message);

public static class CommonOptions
{
    public static readonly Option<string?> Database = new("--database")
    {
        Description = "SQLite database file (default data/doudi.db)",
        Recursive = true,
    };

    public static readonly Option<string?> Connection = new("--connection")
    {
        Description = "PostgreSQL connection string (or the DOUDI_CONNECTION variable)",
        Recursive = true,
    };

    public static DatabaseLocation Location(ParseResult result) =>
        DatabaseLocation.Resolve(result.GetValue(Database), result.GetValue(Connection));

    /// <summary>True when the user named a database on the command line or in DOUDI_CONNECTION.</summary>
    public static bool DatabaseGiven(ParseResult result) =>
        result.GetValue(Database) is not null || result.GetValue(Connection) is not null
        || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("DOUDI_CONNECTION"));
}

public static class CliRunner
{
    public static async Task<int> RunAsync(RootCommand root, string[] args)
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) await Console.Error.WriteLineAsync(error.Message);
            return ExitCodes.BadInput;
        }
        try
        {
            // Without this, System.CommandLine catches the exception itself and exits 1 instead of 2.
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (BadInputException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return ExitCodes.BadInput;
        }
        catch (Doudi.Feeds.FeedStoreDamagedException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return ExitCodes.Failed;
        }
        catch (Doudi.Policy.PolicyDataException e)
        {
            // The figures in force cannot be built (stored additions that no longer fit the shipped files).
            foreach (var problem in e.Problems) await Console.Error.WriteLineAsync(problem);
            return ExitCodes.Failed;
        }
    }
}
