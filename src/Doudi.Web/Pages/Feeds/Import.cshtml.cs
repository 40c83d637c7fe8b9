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
/// its report (counts, every rejected value with line, column and reason, the error file) and the batches on file.
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
        await audit.AppendAsync(AuditActions.FeedImport, "feed:" + Type!.Name, $"{Outcome.GetType().Name}; {FileName}", ct: ct);
        await LoadHistoryAsync(ct);
        return Page();
    }

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
