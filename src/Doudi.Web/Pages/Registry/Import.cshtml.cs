using Doudi.Imports;
using Doudi.Oversight;
using Doudi.Persistence;
using Doudi.Registry.Import;
using Doudi.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Doudi.Web.Pages.Registry;

/// <summary>名册导入: the same import as `doudi registry import`, from two uploaded files, with its report.</summary>
[RequestSizeLimit(MaxUploadBytes * 2 + 1_000_000)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes * 2 + 1_000_000)]
public sealed class ImportModel(DoudiDb db, RequestAudit audit, TimeProvider clock) : PageModel
{
    public const long MaxUploadBytes = 200L * 1024 * 1024;

    public RegistryImportReport? Report { get; private set; }
    public string? Problem { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? households, IFormFile? members, CancellationToken ct)
    {
        if (households is null || households.Length == 0 || members is null || members.Length == 0)
        {
            Problem = "请同时选择家庭文件（households）和成员文件（members），两个文件都不能为空。";
            return Page();
        }
        var request = new RegistryImportRequest(await ReadAsync(households, ct), await ReadAsync(members, ct))
        {
            ImportedBy = StaffPrincipal.UserName(User) ?? "web",
        };
        Report = await new RegistryImportHandler(db, clock).Handle(request, progress: null, ct);
        await audit.AppendAsync(AuditActions.RosterImport, Report.BatchId is { } b ? $"batch:{b}" : "registry",
            $"{Report.Outcome}; {households.FileName} + {members.FileName}; {Report.Households?.CountsLine} / {Report.Members?.CountsLine}", ct: ct);
        return Page();
    }

    /// <summary>The rejected rows of one file as the CSV a department can correct and resend.</summary>
    public static string ErrorCsv(FileOutcome file)
    {
        using var writer = new StringWriter();
        ErrorFile.Write(writer, file.Errors);
        return writer.ToString();
    }

    private static async Task<ImportSource> ReadAsync(IFormFile file, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        return ImportSource.FromBytes(Path.GetFileName(file.FileName), buffer.ToArray());
    }
}
