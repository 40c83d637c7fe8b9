using System.CommandLine;
using System.Globalization;
using Doudi.Feeds;
using Doudi.Imports;
using Doudi.Persistence;

namespace Doudi.Cli.Commands;

/// <summary><c>feeds import</c> (cli.md, data-files.md "Department feeds"): one file, or a monthly set with <c>--dir</c>.</summary>
public static class FeedCommands
{
    public static Command Build()
    {
        var type = new Option<string?>("--type") { Description = "Feed type: " + string.Join(" ", FeedTypes.Names) };
        var file = new Option<string?>("--file") { Description = "CSV or .xlsx file (with --type)" };
        var dir = new Option<string?>("--dir") { Description = "Import every TYPE.csv / TYPE.xlsx of this folder, each as its own batch (instead of --type and --file)" };
        var errors = new Option<string?>("--errors") { Description = "Error file (default NAME.errors.csv beside the input)" };
        var encoding = new Option<string?>("--encoding") { Description = "Force the CSV encoding (utf-8, gb18030)" };
        var maxRejected = new Option<decimal>("--max-rejected") { Description = "Largest share of rejected rows (0.05 = 5%)", DefaultValueFactory = _ => RejectionRule.DefaultMaxShare };
        var import = new Command("import", "Import one department feed, or every feed file of a folder") { type, file, dir, errors, encoding, maxRejected };
        import.SetAction(async (result, ct) =>
        {
            var encodingName = result.GetValue(encoding);
            var forced = encodingName is null ? null : FileFingerprint.EncodingByName(encodingName) ?? throw new BadInputException($"unknown --encoding {encodingName}");
            var share = result.GetValue(maxRejected);
            if (share is < 0 or > 1) throw new BadInputException("--max-rejected must be a share between 0 and 1");
            var folder = result.GetValue(dir);
            if (folder is not null)
            {
                if (result.GetValue(type) is not null || result.GetValue(file) is not null || result.GetValue(errors) is not null)
                    throw new BadInputException("--dir imports every feed file of a folder: give it without --type, --file and --errors (error files go beside each input)");
                return await ImportFolder(result, folder, forced, share, ct);
            }
            if (result.GetValue(type) is not { } typeName || result.GetValue(file) is not { } path)
                throw new BadInputException("give --type and --file (one feed file), or --dir (every feed file of a folder)");
            var feedType = FeedTypes.Find(typeName) ?? throw new BadInputException($"unknown --type {typeName} (one of: {string.Join(" ", FeedTypes.Names)})");
            if (!File.Exists(path)) throw new BadInputException($"{path}: no such file");
            var location = CommonOptions.Location(result);
            await location.MigrateAsync(ct);
            var started = System.Diagnostics.Stopwatch.StartNew();
            var handler = new ImportFeedHandler(location, FeedStore.For(location, result.GetValue(MonitorCommands.Feeds)));
            var outcome = await handler.Handle(new ImportFeed(feedType, ImportSource.FromFile(path), result.GetValue(errors), forced, share,
                DateOnly.FromDateTime(DateTime.Today), Environment.UserName), ct);
            await Audit(location, feedType, path, outcome, ct);
            return await Report(outcome, "", started.Elapsed);
        });
        var feeds = new Command("feeds", "Department data feeds") { import };
        feeds.Options.Add(MonitorCommands.Feeds);
        return feeds;
    }

    private static Task Audit(DatabaseLocation location, FeedType type, string path, ImportFeedOutcome outcome, CancellationToken ct) =>
        CliAudit.RecordAsync(location, Doudi.Oversight.AuditActions.FeedImport, "feed:" + type.Name, $"{outcome.GetType().Name}; {Path.GetFileName(path)}", ct);

    /// <summary>Prints one file's outcome as the contract's closing line (after <paramref name="prefix"/>); its exit code.</summary>
    private static async Task<int> Report(ImportFeedOutcome outcome, string prefix, TimeSpan elapsed)
    {
        switch (outcome)
        {
            case ImportFeedOutcome.Repeat r:
                Console.WriteLine($"{prefix}read {r.Earlier.Read}, accepted {r.Earlier.Accepted}, rejected {r.Earlier.Rejected} (already imported as batch {r.Earlier.Id})");
                return ExitCodes.Done;
            case ImportFeedOutcome.Refused r:
                if (r.ErrorFile is not null) await Console.Error.WriteLineAsync($"rejected rows are listed in {r.ErrorFile}");
                await Console.Error.WriteLineAsync(r.Reason);
                return ExitCodes.BadInput;
            case ImportFeedOutcome.Imported i:
                foreach (var w in i.Warnings) await Console.Error.WriteLineAsync("warning: " + w);
                if (i.ErrorFile is not null) Console.WriteLine($"rejected rows are listed in {i.ErrorFile}");
                var seconds = elapsed.TotalSeconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{prefix}read {i.Read}, accepted {i.Accepted}, rejected {i.Rejected} (batch {i.BatchId}: new {i.Stored.New}, replaced {i.Stored.Replaced}, unchanged {i.Stored.Unchanged}; {seconds:0.0} s, {i.Read / Math.Max(seconds, 0.001):0} rows/s; read+validate {i.Timing.Read.TotalSeconds:0.0} s, store {i.Timing.Store.TotalSeconds:0.0} s)"));
                return ExitCodes.Done;
            default:
                return ExitCodes.Failed;
        }
    }

    /// <summary>
    /// <c>--dir</c>: every feed file of the folder, each as its own batch, pipelined (<see cref="ImportFeedFolderHandler"/>).
    /// Per file the lines of a one-file import, its closing line prefixed with the file name; then one line over all
    /// files, <c>read N, accepted A, rejected R</c> summed over the files imported now or before. Exit code: 1 when a
    /// file failed, else 2 when a file was rejected whole (the last line on stderr names them), else 0.
    /// </summary>
    private static async Task<int> ImportFolder(ParseResult result, string folder, System.Text.Encoding? forced, decimal share, CancellationToken ct)
    {
        if (!Directory.Exists(folder)) throw new BadInputException($"{folder}: no such folder");
        var set = FeedFolder.Scan(folder);
        if (set.Problems.Count > 0) throw new BadInputException(string.Join(Environment.NewLine, set.Problems));
        foreach (var name in set.Skipped) await Console.Error.WriteLineAsync($"skipped {name} (not named after a feed type: TYPE.csv or TYPE.xlsx)");
        if (set.Files.Count == 0) throw new BadInputException($"{folder}: no feed file (TYPE.csv or TYPE.xlsx, TYPE one of: {string.Join(" ", FeedTypes.Names)})");
        var location = CommonOptions.Location(result);
        await location.MigrateAsync(ct);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var handler = new ImportFeedFolderHandler(new ImportFeedHandler(location, FeedStore.For(location, result.GetValue(MonitorCommands.Feeds))));
        var today = DateOnly.FromDateTime(DateTime.Today);
        var (read, accepted, rejected) = (0L, 0L, 0L);
        var (imported, repeated) = (0, 0);
        var notImported = new List<string>();
        var exit = ExitCodes.Done;
        var fileStarted = started.Elapsed;
        await foreach (var (feedFile, outcome, failure) in handler.Handle(set.Files,
            f => new ImportFeed(f.Type, ImportSource.FromFile(f.Path), null, forced, share, today, Environment.UserName), ct))
        {
            var prefix = feedFile.Name + ": ";
            if (outcome is null)
            {
                await CliAudit.RecordAsync(location, Doudi.Oversight.AuditActions.FeedImport, "feed:" + feedFile.Type.Name, $"Failed; {feedFile.Name}", ct);
                await Console.Error.WriteLineAsync($"{prefix}导入失败，未保存任何数据：{failure}");
                notImported.Add($"{feedFile.Name} (failed)");
                exit = ExitCodes.Failed;
                continue;
            }
            await Audit(location, feedFile.Type, feedFile.Path, outcome, ct);
            // A file's time is from the end of the one before: its check overlapped that one's store.
            var code = await Report(outcome, prefix, started.Elapsed - fileStarted);
            fileStarted = started.Elapsed;
            switch (outcome)
            {
                case ImportFeedOutcome.Imported i:
                    (read, accepted, rejected, imported) = (read + i.Read, accepted + i.Accepted, rejected + i.Rejected, imported + 1);
                    break;
                case ImportFeedOutcome.Repeat r:
                    (read, accepted, rejected, repeated) = (read + r.Earlier.Read, accepted + r.Earlier.Accepted, rejected + r.Earlier.Rejected, repeated + 1);
                    break;
                default:
                    notImported.Add($"{feedFile.Name} (rejected whole)");
                    if (exit == ExitCodes.Done) exit = code;
                    break;
            }
        }
        if (notImported.Count > 0) await Console.Error.WriteLineAsync($"not imported: {string.Join(", ", notImported)}");
        var seconds = started.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"read {read}, accepted {accepted}, rejected {rejected} ({set.Files.Count} files: {imported} imported, {repeated} already imported, {notImported.Count} not imported; {seconds:0.0} s, {read / Math.Max(seconds, 0.001):0} rows/s)"));
        return exit;
    }
}
