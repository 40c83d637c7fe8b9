using System.CommandLine;
using System.Globalization;
using Doudi.Registry.Demo;

namespace Doudi.Cli.Commands;

/// <summary><c>demo generate</c>: a synthetic region's files, ready for the import commands (same seed, same files).</summary>
public static class DemoCommands
{
    public static Command Build()
    {
        var households = new Option<int>("--households") { Description = "How many households", Required = true };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Directory to write the files into", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed (same seed, same files)", DefaultValueFactory = _ => 1 };
        var month = new Option<string?>("--month") { Description = "The month the data describes, YYYY-MM (default: this month)" };
        var generate = new Command("generate", "Write a synthetic region: households.csv, members.csv and one TYPE.csv per feed type") { households, outDir, seed, month };
        generate.SetAction((result, ct) =>
        {
            var count = result.GetValue(households);
            if (count is < 1 or > 5_000_000) throw new BadInputException("--households must be between 1 and 5000000");
            var asOf = DateOnly.FromDateTime(DateTime.Today);
            if (result.GetValue(month) is { } m)
            {
                if (!DateOnly.TryParseExact(m + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
                    throw new BadInputException($"--month must be YYYY-MM: {m}");
                // The last day of that month, but never after today: imports refuse dates in the future.
                var last = first.AddMonths(1).AddDays(-1);
                asOf = last < asOf ? last : asOf;
            }
            var region = DemoRegion.Generate(new DemoOptions(count, result.GetValue(seed), asOf));
            var files = DemoFiles.WriteAll(region, result.GetValue(outDir)!.FullName);
            var people = region.Households.Sum(h => h.Members.Count);
            foreach (var f in files) Console.WriteLine(f);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{region.County.Name} ({region.County.Code}): {region.Townships.Count} townships, {region.Villages.Count} villages, {count} households, {people} people"));
            return Task.FromResult(ExitCodes.Done);
        });
        var demo = new Command("demo", "Synthetic data for trying and benchmarking");
        demo.Subcommands.Add(generate);
        return demo;
    }
}
