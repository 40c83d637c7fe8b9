using System.CommandLine;
using System.Globalization;
using Doudi.Eligibility.Recompute;
using Doudi.Policy;

namespace Doudi.Cli.Commands;

/// <summary><c>eligibility recompute</c> and <c>policy simulate</c> (cli.md; docs/eligibility.md).</summary>
public static class RecomputeCommands
{
    private const int IncompleteShown = 20;

    internal static DateOnly ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new BadInputException($"--date must be a date YYYY-MM-DD: {text}");

    public static Command BuildRecompute()
    {
        var date = new Option<string>("--date") { Description = "Assessment date, YYYY-MM-DD", Required = true };
        var output = new Option<string?>("--out") { Description = "Also write the changes to this .xlsx file (member ID numbers masked)" };
        var fullIds = new Option<bool>("--full-ids") { Description = "Write whole member ID numbers in --out (for a secured hand-over; audited)" };
        var recompute = new Command("recompute", "Re-evaluate every household of the registry and store the decisions that changed") { date, output, fullIds };
        recompute.SetAction(async (result, ct) =>
        {
            var on = ParseDate(result.GetValue(date));
            var xlsx = result.GetValue(output);
            if (xlsx is not null && !xlsx.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)) throw new BadInputException($"--out must name an .xlsx file: {xlsx}");
            if (xlsx is null && result.GetValue(fullIds)) throw new BadInputException("--full-ids applies to --out only");
            var location = CommonOptions.Location(result);
            await location.MigrateAsync(ct);
            await using var db = location.Open();
            RecomputeReport report;
            try
            {
                report = await new RecomputeRegistry(await FiguresInForce.InForceAsync(db, ct), TimeProvider.System).RunAsync(db, on, CliAudit.Actor, ct: ct);
            }
            catch (NoStandardException e)
            {
                throw new BadInputException("--date: " + e.Message);
            }
            var stderr = Console.Error;
            foreach (var i in report.Incomplete.Take(IncompleteShown))
                await stderr.WriteLineAsync($"incomplete {i.HouseholdNo} ({i.County}): facts never given (or not valid on the date): {string.Join(", ", i.Missing)}");
            if (report.Incomplete.Count > IncompleteShown)
                await stderr.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"… {report.Incomplete.Count - IncompleteShown} more incomplete households"));
            Console.WriteLine("county  evaluated incomplete  unchanged newly_elig no_longer  prog_chg  amount_chg members_chg");
            foreach (var (county, c) in report.ByCounty) Console.WriteLine(Row(county, c));
            Console.WriteLine(Row("total ", report.Total));
            if (xlsx is not null)
            {
                var full = result.GetValue(fullIds);
                DecisionExport.WriteXlsx(xlsx, report.Changes, full);
                await CliAudit.RecordAsync(location, Doudi.Oversight.AuditActions.DecisionsExport, "run:" + report.RunId,
                    string.Create(CultureInfo.InvariantCulture, $"{report.Changes.Count} changes to {Path.GetFullPath(xlsx)}; ID numbers {(full ? "whole" : "masked")}"), ct);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {report.Changes.Count} changes to {xlsx} (ID numbers {(full ? "whole" : "masked")})"));
            }
            Console.WriteLine(RecomputeRegistry.Summary(on, report.Total, report.Changes.Count)
                + string.Create(CultureInfo.InvariantCulture, $" ({report.AlreadyRecorded} already recorded, {report.Total.NoLongerDiffers} no longer differing), run {report.RunId} ({report.EvaluationTime.TotalSeconds:0.0} s evaluating, {report.StoreTime.TotalSeconds:0.0} s storing)"));
            return ExitCodes.Done;
        });
        return recompute;
    }

    private static string Row(string county, RecomputeCounts c) => string.Create(CultureInfo.InvariantCulture,
        $"{county} {c.Evaluated,10} {c.Incomplete,10} {c.Unchanged,10} {c.NewlyEligible,10} {c.NoLongerEligible,9} {c.ProgramChanged,9} {c.AmountChanged,11} {c.MemberProgramsChanged,11}");

    public static Command BuildPolicy()
    {
        var date = new Option<string>("--date") { Description = "Assessment date, YYYY-MM-DD", Required = true };
        var set = new Option<string[]>("--set") { Description = "NAME=VALUE: a number, or +5% / -5% of the figure in force (repeatable)", Required = true, AllowMultipleArgumentsPerToken = false };
        var simulate = new Command("simulate", "Run the registry under changed figures and report the difference per county and program") { date, set };
        simulate.SetAction(async (result, ct) =>
        {
            var problems = new List<string>();
            DateOnly on = default;
            try
            {
                on = ParseDate(result.GetValue(date));
            }
            catch (BadInputException e)
            {
                problems.Add(e.Message);
            }
            var overrides = new List<ParameterOverride>();
            foreach (var text in result.GetValue(set) ?? [])
            {
                var o = ParameterOverride.TryParse(text, out var error);
                if (o is null) problems.Add(error!);
                else if (overrides.Any(x => x.Parameter == o.Parameter)) problems.Add($"--set {text}: {o.Parameter.Name} is set twice");
                else overrides.Add(o);
            }
            if (problems.Count > 0) throw new BadInputException(string.Join('\n', problems));
            var location = CommonOptions.Location(result);
            await location.MigrateAsync(ct);
            await using var db = location.Open();
            SimulationReport report;
            try
            {
                report = await new SimulatePolicy(await FiguresInForce.InForceAsync(db, ct), TimeProvider.System).RunAsync(db, on, overrides, CliAudit.Actor, ct);
            }
            catch (NoStandardException e)
            {
                throw new BadInputException("--date: " + e.Message);
            }
            Console.WriteLine("county  program                      hh_gain  hh_lose hh_change people_gain people_lose  monthly_cost_diff");
            foreach (var ((county, program), line) in report.Lines) Console.WriteLine(Line(county, program, line));
            foreach (var program in Eligibility.Programs.All)
            {
                var t = report.Total(program);
                if (!t.IsEmpty) Console.WriteLine(Line("total ", program, t));
            }
            var all = report.Total();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"date {on:yyyy-MM-dd} with {string.Join(", ", overrides.Select(o => o.Text))}: evaluated {report.Evaluated}, incomplete {report.Incomplete}; "
                + $"households gaining {all.HouseholdsGaining}, losing {all.HouseholdsLosing}, changing {all.HouseholdsChanging}; "
                + $"people gaining {all.PeopleGaining}, losing {all.PeopleLosing}; monthly cost difference {all.MonthlyCostDifference:+0.00;-0.00;0.00} yuan "
                + $"({report.EvaluationTime.TotalSeconds:0.0} s; nothing stored)"));
            return ExitCodes.Done;
        });
        return new Command("policy", "Policy figures: what-if simulations") { simulate };
    }

    private static string Line(string county, string program, SimulationLine l) => string.Create(CultureInfo.InvariantCulture,
        $"{county} {program,-28} {l.HouseholdsGaining,8} {l.HouseholdsLosing,8} {l.HouseholdsChanging,9} {l.PeopleGaining,11} {l.PeopleLosing,11} {l.MonthlyCostDifference,18:+0.00;-0.00;0.00}");
}
