using System.CommandLine;
using System.Globalization;
using Doudi.Feeds;
using Doudi.Imports;

namespace Doudi.Cli.Commands;

/// <summary><c>feeds import</c> (cli.md, data-files.md "Department feeds").</summary>
public static class FeedCommands
{
    public static Command Build()
    {
        var type = new Option<string>("--type") { Description = "Feed type: " + string.Join(" ", FeedTypes.Names), Required = true };
        var file = new Option<string>("--file") { Description = "CSV or .xlsx file", Required = true };
        var errors = new Option<string?>("--errors") { Description = "Error file (default NAME.errors.csv beside the input)" };
        var encoding = new Option<string?>("--encoding") { Description = "Force the CSV encoding (utf-8, gb18030)" };
        var maxRejected = new Option<decimal>("--max-rejected") { Description = "Largest share of rejected rows (0.05 = 5%)", DefaultValueFactory = _ => RejectionRule.DefaultMaxShare };
        var import = new Command("import", "Import one department feed") { type, file, errors, encoding, maxRejected };
        import.SetAction(async (result, ct) =>
        {
            var feedType = FeedTypes.Find(result.GetValue(type)!) ?? throw new BadInputException($"unknown --type {result.GetValue(type)} (one of: {string.Join(" ", FeedTypes.Names)})");
            var path = result.GetValue(file)!;
            if (!File.Exists(path)) throw new BadInputException($"{path}: no such file");
            var encodingName = result.GetValue(encoding);
            var forced = encodingName is null ? null : FileFingerprint.EncodingByName(encodingName) ?? throw new BadInputException($"unknown --encoding {encodingName}");
            var share = result.GetValue(maxRejected);
            if (share is < 0 or > 1) throw new BadInputException("--max-rejected must be a share between 0 and 1");
            var location = CommonOptions.Location(result);
            await location.MigrateAsync(ct);
            var started = System.Diagnostics.Stopwatch.StartNew();
            var handler = new ImportFeedHandler(location, FeedStore.For(location, result.GetValue(MonitorCommands.Feeds)));
            var outcome = await handler.Handle(new ImportFeed(feedType, ImportSource.FromFile(path), result.GetValue(errors), forced, share,
                DateOnly.FromDateTime(DateTime.Today), Environment.UserName), ct);
            await CliAudit.RecordAsync(location, Doudi.Oversight.AuditActions.FeedImport, "feed:" + feedType.Name,
                $"{outcome.GetType().Name}; {Path.GetFileName(path)}", ct);
            switch (outcome)
            {
                case ImportFeedOutcome.Repeat r:
                    Console.WriteLine($"read {r.Earlier.Read}, accepted {r.Earlier.Accepted}, rejected {r.Earlier.Rejected} (already imported as batch {r.Earlier.Id})");
                    return ExitCodes.Done;
                case ImportFeedOutcome.Refused r:
                    if (r.ErrorFile is not null) await Console.Error.WriteLineAsync($"rejected rows are listed in {r.ErrorFile}");
                    await Console.Error.WriteLineAsync(r.Reason);
                    return ExitCodes.BadInput;
                case ImportFeedOutcome.Imported i:
                    foreach (var w in i.Warnings) await Console.Error.WriteLineAsync("warning: " + w);
                    if (i.ErrorFile is not null) Console.WriteLine($"rejected rows are listed in {i.ErrorFile}");
                    var seconds = started.Elapsed.TotalSeconds;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"read {i.Read}, accepted {i.Accepted}, rejected {i.Rejected} (batch {i.BatchId}: new {i.Stored.New}, replaced {i.Stored.Replaced}, unchanged {i.Stored.Unchanged}; {seconds:0.0} s, {i.Read / Math.Max(seconds, 0.001):0} rows/s; read+validate {i.Timing.Read.TotalSeconds:0.0} s, store {i.Timing.Store.TotalSeconds:0.0} s)"));
                    return ExitCodes.Done;
                default:
                    return ExitCodes.Failed;
            }
        });
        var feeds = new Command("feeds", "Department data feeds") { import };
        feeds.Options.Add(MonitorCommands.Feeds);
        return feeds;
    }
}
