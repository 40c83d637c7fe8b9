using Doudi.Feeds;
using Doudi.Imports;
using Doudi.Oversight;
using Doudi.Persistence;
using Doudi.Registry;
using Doudi.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Web.Pages.Feeds;

/// <summary>
/// 部门数据导入: one form per feed type, running the same <see cref="ImportFeedHandler"/> as `doudi feeds import`,
/// its report (counts, every rejected value with line, column and reason, the error file) and the batches on file;
/// and one form for a month's set of files named after their types, run as `doudi feeds import --dir` runs them
/// (<see cref="ImportFeedFolderHandler"/>: each file its own batch, the next checked while one is stored).
/// </summary>
[RequestSizeLimit(MaxUploadBytes + 1_000_000)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes + 1_000_000)]
public sealed class ImportModel(DoudiDb db, DatabaseLocation location, FeedStore store, RequestAudit audit, TimeProvider clock) : PageModel
{
    public const long MaxUploadBytes = 500L * 1024 * 1024;
    private const int HistoryRows = 100;

    public FeedType? Type { get; private set; }
    public string? FileName { get; private set; }
    public ImportFeedOutcome? Outcome { get; private set; }
    public string? Problem { get; private set; }
    public IReadOnlyList<ImportBatch> History { get; private set; } = [];

    /// <summary>A month's set: each file's result, largest first as they were stored, and the names not taken.</summary>
    public IReadOnlyList<FeedFileResult>? SetResults { get; private set; }
    public IReadOnlyList<string> SetSkipped { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadHistoryAsync(ct);

    public async Task<IActionResult> OnPostAsync(string? type, IFormFile? file, CancellationToken ct)
    {
        Type = type is null ? null : FeedTypes.Find(type);
        if (Type is null) Problem = $"未知的数据类型“{type}”。";
        else if (file is null || file.Length == 0) Problem = $"请为“{FeedName(Type.Name)}”选择一个不为空的 CSV 或 .xlsx 文件。";
        if (Problem is not null)
        {
            await LoadHistoryAsync(ct);
            return Page();
        }
        FileName = Path.GetFileName(file!.FileName);
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var command = new ImportFeed(Type!, ImportSource.FromBytes(FileName, buffer.ToArray()), ErrorsPath: null, Encoding: null,
            RejectionRule.DefaultMaxShare, ChinaTime.Today(clock), StaffPrincipal.UserName(User) ?? "web");
        Outcome = await new ImportFeedHandler(location, store).Handle(command, ct);
        await AuditAsync(Type!, FileName, Outcome, ct);
        await LoadHistoryAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSetAsync(List<IFormFile>? files, CancellationToken ct)
    {
        var uploaded = (files ?? []).Where(f => f.Length > 0).ToList();
        var names = uploaded.Select(f => Path.GetFileName(f.FileName)).ToList();
        var twice = names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (uploaded.Count == 0) Problem = "请选择一个或多个不为空的文件，文件名为数据类型（如 medical.csv、vehicle.xlsx）。";
        else if (twice.Count > 0) Problem = $"{string.Join("、", twice)}: 同名文件上传了不止一个，请只保留一个。";
        if (Problem is not null)
        {
            await LoadHistoryAsync(ct);
            return Page();
        }
        // On disk, as the command reads a folder: a clean CSV is then read by DuckDB as it was sent.
        var folder = Directory.CreateTempSubdirectory("doudi-feed-set-");
        try
        {
            for (var i = 0; i < uploaded.Count; i++)
            {
                await using var target = System.IO.File.Create(Path.Combine(folder.FullName, names[i]));
                await uploaded[i].CopyToAsync(target, ct);
            }
            var set = FeedFolder.Scan(folder.FullName);
            SetSkipped = set.Skipped;
            if (set.Problems.Count > 0) Problem = string.Join("；", set.Problems);
            else if (set.Files.Count == 0) Problem = $"没有可识别的文件：文件名应为数据类型加 .csv 或 .xlsx（{string.Join("、", FeedTypes.Names)}）。";
            else
            {
                var user = StaffPrincipal.UserName(User) ?? "web";
                var today = ChinaTime.Today(clock);
                var results = new List<FeedFileResult>();
                var handler = new ImportFeedFolderHandler(new ImportFeedHandler(location, store));
                await foreach (var result in handler.Handle(set.Files,
                    f => new ImportFeed(f.Type, ImportSource.FromFile(f.Path), ErrorsPath: null, Encoding: null, RejectionRule.DefaultMaxShare, today, user), ct))
                {
                    await AuditAsync(result.File.Type, result.File.Name, result.Outcome, ct);
                    results.Add(result);
                }
                SetResults = results;
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
        await LoadHistoryAsync(ct);
        return Page();
    }

    // Every attempt, a file refused whole or failed too (it leaves no batch): the outcome and the file name.
    private Task AuditAsync(FeedType type, string fileName, ImportFeedOutcome? outcome, CancellationToken ct) =>
        audit.AppendAsync(AuditActions.FeedImport, "feed:" + type.Name, $"{outcome?.GetType().Name ?? "Failed"}; {fileName}", ct: ct);

    private async Task LoadHistoryAsync(CancellationToken ct)
    {
        var kinds = FeedTypes.Names.ToList();
        History = await db.ImportBatches.AsNoTracking().Where(b => kinds.Contains(b.Kind))
            .OrderByDescending(b => b.Id).Take(HistoryRows).ToListAsync(ct);
    }

    public static IReadOnlyList<ImportError> Errors(ImportFeedOutcome? outcome) => outcome switch
    {
        ImportFeedOutcome.Imported i => i.Errors,
        ImportFeedOutcome.Refused r => r.Errors,
        _ => [],
    };

    /// <summary>The rejected rows as the CSV a department corrects and resends (the CLI's error file).</summary>
    public static string ErrorCsv(IReadOnlyList<ImportError> errors)
    {
        using var writer = new StringWriter();
        ErrorFile.Write(writer, errors);
        return writer.ToString();
    }

    public static string FeedName(string feed) => FeedTypes.ChineseName(feed);

    public static string Status(ImportBatch b) => b.Rejected > 0 ? $"已导入（{b.Rejected} 行被拒绝）" : "已导入";
}
