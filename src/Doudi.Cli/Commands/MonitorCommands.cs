using System.CommandLine;
using System.Globalization;
using Doudi.Feeds;
using Doudi.Monitoring;
using Doudi.Registry.Import;

namespace Doudi.Cli.Commands;

/// <summary><c>monitor run</c> and <c>alerts export</c> (cli.md, monitoring-rules.md).</summary>
public static class MonitorCommands
{
    public static readonly Option<string?> Feeds = new("--feeds")
    {
        Description = "DuckDB feed store (default: beside the SQLite file, or DOUDI_FEEDS, or data/doudi.feeds.duckdb)",
        Recursive = true,
    };

    public static Command Build()
    {
        var month = new Option<string>("--month") { Description = "Month to check, YYYY-MM", Required = true };
        var runDate = new Option<string?>("--run-date") { Description = "Date of detection, YYYY-MM-DD (default today)" };
        var engine = new Option<string?>("--engine") { Description = "sql: run the rules as plain SQL on the transactional database" };
        var timings = new Option<bool>("--timings") { Description = "Print each phase's wall time on stderr" };
        var run = new Command("run", "Match the registry against the stored feeds and raise alerts") { month, runDate, engine, timings };
        run.SetAction(async (result, ct) =>
        {
            if (!MonitoringMonth.TryParse(result.GetValue(month), out var m)) throw new BadInputException($"--month must be YYYY-MM: {result.GetValue(month)}");
            var dateText = result.GetValue(runDate);
            var date = DateOnly.FromDateTime(DateTime.Today);
            if (dateText is not null && !DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
                throw new BadInputException($"--run-date must be YYYY-MM-DD: {dateText}");
            var engineName = result.GetValue(engine);
            if (engineName is not null and not "sql") throw new BadInputException($"unknown --engine {engineName} (only: sql)");
            var location = CommonOptions.Location(result);
            await location.MigrateAsync(ct);
            var started = System.Diagnostics.Stopwatch.StartNew();
            var handler = new RunMonitoringHandler(location, FeedStore.For(location, result.GetValue(Feeds)), OfficialWorkingDays.Instance);
            using var terminal = TerminalProgress.ForStderr();
            var phases = new PhaseTimes(terminal);
            var counts = await handler.Handle(new RunMonitoring(m, date, engineName == "sql"), ct, phases);
            terminal?.Dispose();
            if (result.GetValue(timings)) await Console.Error.WriteLineAsync(phases.Summary());
            await CliAudit.RecordAsync(location, Doudi.Oversight.AuditActions.MonitoringRun, "monitoring:" + m.Text,
                $"engine={engineName ?? "main"}; matched={counts.Sum(c => c.Matched)}; new={counts.Sum(c => c.Raised)}", ct);
            foreach (var c in counts) Console.WriteLine($"{c.Rule,-28} matched {c.Matched,7}  new {c.Raised,7}  updated {c.Updated,7}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"month {m.Text}: matched {counts.Sum(c => c.Matched)}, new alerts {counts.Sum(c => c.Raised)}, updated {counts.Sum(c => c.Updated)} ({started.Elapsed.TotalSeconds:0.0} s, {(engineName ?? "main")} engine)"));
            return ExitCodes.Done;
        });
        var monitor = new Command("monitor", "Dynamic monitoring (常态化数据比对)") { run };
        monitor.Options.Add(Feeds);
        return monitor;
    }

    public static Command BuildAlerts()
    {
        var output = new Option<string>("--out") { Description = "CSV file to write", Required = true };
        var export = new Command("export", "Write the open alerts as CSV") { output };
        export.SetAction(async (result, ct) =>
        {
            var location = CommonOptions.Location(result);
            await location.MigrateAsync(ct);
            await using var db = location.Open();
            var count = await ExportAlerts.WriteFileAsync(db, result.GetValue(output)!, ct);
            await CliAudit.RecordAsync(location, Doudi.Oversight.AuditActions.AlertsExport, "alerts", $"{count} open alerts to {Path.GetFileName(result.GetValue(output))}", ct);
            Console.WriteLine($"wrote {count} open alerts to {result.GetValue(output)}");
            return ExitCodes.Done;
        });
        return new Command("alerts", "Monitoring alerts") { export };
    }
}
