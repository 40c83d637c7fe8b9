using System.CommandLine;
using Doudi.Eligibility;
using Doudi.Policy;

namespace Doudi.Cli.Commands;

/// <summary><c>doudi eligibility evaluate</c>: a situation's JSON in, the determinations out (contracts/eligibility.md).</summary>
public static class EligibilityCommands
{
    public static Command Build()
    {
        var input = new Option<string>("--input") { Description = "Situation JSON file, or - for standard input", DefaultValueFactory = _ => "-" };
        var output = new Option<string>("--output") { Description = "Result JSON file, or - for standard output", DefaultValueFactory = _ => "-" };
        var evaluate = new Command("evaluate",
            "Evaluate one household against the nine programs: with no database option, the figures shipped in policy/; with one, the figures in force there") { input, output };
        evaluate.SetAction(async (result, ct) =>
        {
            await using var stdin = Console.OpenStandardInput();
            await using var stdout = Console.OpenStandardOutput();
            var book = ParameterBook.Shipped;
            if (CommonOptions.DatabaseGiven(result)) book = await FiguresInForce.InForceAsync(CommonOptions.Location(result), ct);
            return await EvaluateAsync(result.GetValue(input)!, result.GetValue(output)!, stdin, stdout, Console.Error, ct, book);
        });
        var eligibility = new Command("eligibility", "Eligibility for the assistance programs");
        eligibility.Subcommands.Add(evaluate);
        eligibility.Subcommands.Add(RecomputeCommands.BuildRecompute());
        return eligibility;
    }

    /// <summary>
    /// Bad input: exit 2, one stderr line per problem, nothing on stdout and no output file. Unknown fields
    /// are warnings on stderr and do not stop the evaluation.
    /// </summary>
    internal static async Task<int> EvaluateAsync(string input, string output, Stream stdin, Stream stdout, TextWriter stderr, CancellationToken ct,
        ParameterBook? book = null)
    {
        byte[] json;
        if (input == "-")
        {
            using var buffer = new MemoryStream();
            await stdin.CopyToAsync(buffer, ct);
            json = buffer.ToArray();
        }
        else if (!File.Exists(input))
        {
            await stderr.WriteLineAsync($"--input: file not found: {input}");
            return ExitCodes.BadInput;
        }
        else json = await File.ReadAllBytesAsync(input, ct);

        var outcome = EvaluateSituationHandler.For(book ?? ParameterBook.Shipped).Handle(json);
        foreach (var warning in outcome.Warnings) await stderr.WriteLineAsync($"warning: {warning}");
        if (outcome.Evaluation is null)
        {
            foreach (var problem in outcome.Problems) await stderr.WriteLineAsync(problem.ToString());
            return ExitCodes.BadInput;
        }
        var bytes = EvaluationWriter.ToUtf8(outcome.Evaluation);
        if (output == "-")
        {
            await stdout.WriteAsync(bytes, ct);
            await stdout.WriteAsync("\n"u8.ToArray(), ct);
            await stdout.FlushAsync(ct);
        }
        else await File.WriteAllBytesAsync(output, [.. bytes, (byte)'\n'], ct);
        return ExitCodes.Done;
    }
}
