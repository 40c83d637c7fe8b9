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
public sealed class ImportModel(DoudiDb db, DatabaseLocation location, FeedStore store, RequestAudit audit, TimeProvider clock, FeedImportJobs jobs) : PageModel
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

    /// <summary>A month's import running in the background that the page follows (<c>?job=ID</c>), not finished yet.</summary>
    public FeedImportJob? Running { get; private set; }

    public async Task OnGetAsync(Guid? job, CancellationToken ct)
    {
        if (job is { } id)
        {
            var found = MyJob(id);
            if (found is null) Problem = "找不到这次导入（导入结束一小时后不再保留结果，或由其他用户发起）。请在下方导入记录中查看。";
            else if (!found.Done) Running = found;
            else if (found.OneType && found.Failure is null && found.Results is [var one])
            {
                (Type, FileName, Outcome) = (one.File.Type, one.File.Name, one.Outcome);
                if (one.Failure is not null) Problem = $"导入失败，未保存任何数据：{one.Failure}";
            }
            else
            {
                (SetResults, SetSkipped) = (found.Results, found.Skipped);
                if (found.Failure is not null) Problem = $"导入中断：{found.Failure}。已完成的文件见下表，其余文件未导入任何数据。";
            }
        }
        await LoadHistoryAsync(ct);
    }

    // A job is shown to the user who started it only.
    private FeedImportJob? MyJob(Guid id) => jobs.Find(id) is { } job && job.StartedBy == UserName ? job : null;

    private string UserName => StaffPrincipal.UserName(User) ?? "web";

    /// <summary>
    /// One file with the form of its type, without script: imported within the request. With script the page uses
    /// <see cref="OnPostTypeStartAsync"/> instead and shows the progress.
    /// </summary>
    public async Task<IActionResult> OnPostAsync(string? type, IFormFile? file, CancellationToken ct)
    {
        if (!Chosen(type, file, out var name))
        {
            await LoadHistoryAsync(ct);
            return Page();
        }
        // On disk rather than in memory: an upload may be 500 MB, and the reader reads it twice.
        var folder = await SaveAsync([file!], [name], ct);
        try
        {
            var command = new ImportFeed(Type!, ImportSource.FromFile(Path.Combine(folder.FullName, name)), ErrorsPath: null, Encoding: null,
                RejectionRule.DefaultMaxShare, ChinaTime.Today(clock), UserName);
            Outcome = await new ImportFeedHandler(location, store).Handle(command, ct);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
        await AuditAsync(Type!, name, Outcome, ct);
        await LoadHistoryAsync(ct);
        return Page();
    }

    /// <summary>The form's type and a file for it (sets <see cref="Type"/> and <see cref="FileName"/>); false with <see cref="Problem"/> said.</summary>
    private bool Chosen(string? type, IFormFile? file, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? name)
    {
        name = null;
        Type = type is null ? null : FeedTypes.Find(type);
        if (Type is null) Problem = $"未知的数据类型“{type}”。";
        else if (file is null || file.Length == 0) Problem = $"请为“{FeedName(Type.Name)}”选择一个不为空的 CSV 或 .xlsx 文件。";
        if (Problem is not null) return false;
        name = Path.GetFileName(file!.FileName);
        if (name.Length == 0) name = Type!.Name + ".csv";
        FileName = name;
        return true;
    }

    /// <summary>
    /// One file with the form of its type, uploaded by the page's script: saved, then imported in the background as a
    /// month's set is (<see cref="FeedImportJobs"/>), under the form's type whatever the file's name. The answer is the
    /// job to follow or the problem.
    /// </summary>
    public async Task<IActionResult> OnPostTypeStartAsync(string? type, IFormFile? file, CancellationToken ct)
    {
        if (!Chosen(type, file, out var name)) return new JsonResult(new { problem = Problem });
        var folder = await SaveAsync([file!], [name], ct);
        var one = new FeedFolder([new FeedFile(Type!, Path.Combine(folder.FullName, name), file!.Length)], [], []);
        var job = jobs.Start(folder, one, UserName, HttpContext.Connection.RemoteIpAddress?.ToString(), ChinaTime.Today(clock), oneType: true);
        return new JsonResult(new { job = job.Id });
    }

    /// <summary>
    /// A month's set without script: imported within the request, and the page shows the results when all are done. With
    /// script the page uses <see cref="OnPostSetStartAsync"/> instead and shows the progress.
    /// </summary>
    public async Task<IActionResult> OnPostSetAsync(List<IFormFile>? files, CancellationToken ct)
    {
        var (folder, set) = await SaveSetAsync(files, ct);
        if (folder is not null)
        {
            try
            {
                var user = UserName;
                var today = ChinaTime.Today(clock);
                var results = new List<FeedFileResult>();
                var handler = new ImportFeedFolderHandler(new ImportFeedHandler(location, store));
                await foreach (var result in handler.Handle(set!.Files,
                    f => SetFileCommand(f, today, user), ct))
                {
                    await AuditAsync(result.File.Type, result.File.Name, result.Outcome, ct);
                    results.Add(result);
                }
                SetResults = results;
            }
            finally
            {
                folder.Delete(recursive: true);
            }
        }
        await LoadHistoryAsync(ct);
        return Page();
    }

    /// <summary>How a file of an uploaded set is imported: with the page's rules (default share of rejected rows, no error file on disk).</summary>
    public static ImportFeed SetFileCommand(FeedFile file, DateOnly today, string user) =>
        new(file.Type, ImportSource.FromFile(file.Path), ErrorsPath: null, Encoding: null, RejectionRule.DefaultMaxShare, today, user);

    /// <summary>
    /// A month's set, uploaded by the page's script: the files are saved and checked for names, then imported in the
    /// background (<see cref="FeedImportJobs"/>); the answer is the job to follow (<see cref="OnGetSetStatus"/>) or the
    /// problem that stopped it before anything was read.
    /// </summary>
    public async Task<IActionResult> OnPostSetStartAsync(List<IFormFile>? files, CancellationToken ct)
    {
        var (folder, set) = await SaveSetAsync(files, ct);
        if (folder is null) return new JsonResult(new { problem = Problem, skipped = SetSkipped });
        var job = jobs.Start(folder, set!, UserName, HttpContext.Connection.RemoteIpAddress?.ToString(), ChinaTime.Today(clock));
        return new JsonResult(new { job = job.Id });
    }

    /// <summary>How far a month's import is: each file's state and share, and the whole set's.</summary>
    public IActionResult OnGetSetStatus(Guid job)
    {
        var found = MyJob(job);
        if (found is null) return NotFound();
        return new JsonResult(new
        {
            done = found.Done,
            percent = found.Percent(),
            files = found.Files.Select(f => found.StateOf(f) is var (state, percent)
                ? new { name = f.Name, feed = FeedName(f.Type.Name), megabytes = Math.Round(f.Length / 1048576.0, 1), state, percent }
                : null),
        });
    }

    /// <summary>
    /// Saves an uploaded set to a new folder (as the command reads a folder, so each file is checked on every core without
    /// being held in memory) and scans it. Null folder: nothing to import, <see cref="Problem"/> says why (the folder is
    /// then already removed).
    /// </summary>
    private async Task<(DirectoryInfo? Folder, FeedFolder? Set)> SaveSetAsync(List<IFormFile>? files, CancellationToken ct)
    {
        var uploaded = (files ?? []).Where(f => f.Length > 0).ToList();
        var names = uploaded.Select(f => Path.GetFileName(f.FileName)).ToList();
        var twice = names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (uploaded.Count == 0) Problem = "请选择一个或多个不为空的文件，文件名为数据类型（如 medical.csv、vehicle.xlsx）。";
        else if (twice.Count > 0) Problem = $"{string.Join("、", twice)}: 同名文件上传了不止一个，请只保留一个。";
        if (Problem is not null) return (null, null);
        var folder = await SaveAsync(uploaded, names, ct);
        try
        {
            var set = FeedFolder.Scan(folder.FullName);
            SetSkipped = set.Skipped;
            if (set.Problems.Count > 0) Problem = string.Join("；", set.Problems);
            else if (set.Files.Count == 0) Problem = $"没有可识别的文件：文件名应为数据类型加 .csv 或 .xlsx（{string.Join("、", FeedTypes.Names)}）。";
            else return (folder, set);
        }
        catch
        {
            folder.Delete(recursive: true);
            throw;
        }
        folder.Delete(recursive: true);
        return (null, null);
    }

    /// <summary>Saves uploaded files under their names in a new temporary folder (removed again if one cannot be saved).</summary>
    private static async Task<DirectoryInfo> SaveAsync(IReadOnlyList<IFormFile> files, IReadOnlyList<string> names, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory(FeedImportJobs.UploadPrefix);
        try
        {
            for (var i = 0; i < files.Count; i++)
            {
                await using var target = System.IO.File.Create(Path.Combine(folder.FullName, names[i]));
                await files[i].CopyToAsync(target, ct);
            }
            return folder;
        }
        catch
        {
            folder.Delete(recursive: true);
            throw;
        }
    }

    // Every attempt, a file refused whole or failed too (it leaves no batch): the outcome and the file name.
    private Task AuditAsync(FeedType type, string fileName, ImportFeedOutcome? outcome, CancellationToken ct) =>
        audit.AppendAsync(AuditActions.FeedImport, "feed:" + type.Name, AuditDetail(outcome, fileName), ct: ct);

    /// <summary>What the audit record of a file's import says: the outcome and the file's name.</summary>
    public static string AuditDetail(ImportFeedOutcome? outcome, string fileName) => $"{outcome?.GetType().Name ?? "Failed"}; {fileName}";

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
