using System.CommandLine;
using System.Globalization;
using Doudi.Imports;
using Doudi.Oversight;
using Doudi.Registry.Import;

namespace Doudi.Cli.Commands;

/// <summary><c>registry import</c>: loads or updates the roster (data-files.md, "Registry roster").</summary>
public static class RegistryCommands
{
    private const int ErrorsShown = 20;

    public static Command Build()
    {
        var households = new Option<FileInfo>("--households") { Description = "households.csv (or .xlsx)", Required = true };
        var members = new Option<FileInfo>("--members") { Description = "members.csv (or .xlsx)", Required = true };
        var errorsDir = new Option<DirectoryInfo?>("--errors-dir") { Description = "Where NAME.errors.csv go (default: beside each input)" };
        var encoding = new Option<string?>("--encoding") { Description = "Encoding of CSV files (default: BOM → UTF-8, valid UTF-8, else GB18030)" };
        var maxRejected = new Option<decimal>("--max-rejected")
        {
            Description = "Largest share of rejected rows a file may have (0.05 = 5%)",
            DefaultValueFactory = _ => RejectionRule.DefaultMaxShare,
        };
        var import = new Command("import", "Load or update the registry from households and members files")
        {
            households, members, errorsDir, encoding, maxRejected,
        };
        import.SetAction(async (result, ct) =>
        {
            var h = result.GetValue(households)!;
            var m = result.GetValue(members)!;
            foreach (var f in new[] { h, m })
            {
                if (!f.Exists) throw new BadInputException($"file not found: {f.FullName}");
            }
            var encodingName = result.GetValue(encoding);
            var chosen = encodingName is null ? null
                : FileFingerprint.EncodingByName(encodingName) ?? throw new BadInputException($"unknown encoding: {encodingName}");
            var share = result.GetValue(maxRejected);
            if (share is < 0 or > 1) throw new BadInputException("--max-rejected must be a share between 0 and 1 (0.05 = 5%)");

            var location = CommonOptions.Location(result);
            await location.MigrateAsync(ct);
            await using var db = location.Open();
            var request = new RegistryImportRequest(ImportSource.FromFile(h.FullName), ImportSource.FromFile(m.FullName))
            {
                ErrorsDirectory = result.GetValue(errorsDir)?.FullName,
                Encoding = chosen,
                MaxRejectedShare = share,
            };
            RegistryImportReport report;
            using (var progress = TerminalProgress.ForStderr())
            {
                report = await new RegistryImportHandler(db, TimeProvider.System).Handle(request, progress, ct);
            }
            await new AuditTrail(TimeProvider.System).AppendAsync(db, new AuditEntry(
                CliAudit.Actor, AuditActions.RosterImport, report.BatchId is { } b ? $"batch:{b}" : "registry",
                $"{report.Outcome}; {h.Name} + {m.Name}; {report.Households?.CountsLine} / {report.Members?.CountsLine}", "command line"), ct);
            return await PrintAsync(report);
        });
        var registry = new Command("registry", "The household registry (roster)");
        registry.Subcommands.Add(import);
        return registry;
    }

    private static async Task<int> PrintAsync(RegistryImportReport report)
    {
        var stderr = Console.Error;
        foreach (var warning in report.Warnings) await stderr.WriteLineAsync("warning: " + warning);
        foreach (var file in new[] { report.Households, report.Members })
        {
            if (file is null || file.Errors.Count == 0) continue;
            foreach (var error in file.Errors.Take(ErrorsShown)) await stderr.WriteLineAsync($"{file.FileName} {error}");
            if (file.Errors.Count > ErrorsShown)
                await stderr.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{file.FileName}: … {file.Errors.Count - ErrorsShown} more"));
            if (file.ErrorFilePath is not null) await stderr.WriteLineAsync($"{file.FileName}: rejected rows are listed in {file.ErrorFilePath}");
        }
        switch (report.Outcome)
        {
            case ImportOutcome.Rejected:
                await stderr.WriteLineAsync("nothing was imported: " + report.RejectionReason);
                return ExitCodes.BadInput;
            case ImportOutcome.AlreadyImported:
                var suffix = string.Create(CultureInfo.InvariantCulture, $" (already imported as batch {report.BatchId})");
                foreach (var file in new[] { report.Households, report.Members })
                {
                    if (file is not null) Console.WriteLine(file.CountsLine + suffix);
                }
                if (report.Households is null) Console.WriteLine("read 0, accepted 0, rejected 0" + suffix);
                return ExitCodes.Done;
            default:
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"batch {report.BatchId}: {report.Changes}"));
                Console.WriteLine(report.Households!.CountsLine);
                Console.WriteLine(report.Members!.CountsLine);
                return ExitCodes.Done;
        }
    }
}
