using System.Globalization;
using Doudi.Access;
using Doudi.Applications;
using Doudi.Feeds;
using Doudi.Oversight;
using Doudi.Persistence;
using Doudi.Policy;
using Doudi.Registry;
using Doudi.Verification;
using Doudi.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Web.Pages.Applications;

/// <summary>
/// One case: its current step with the deadline, the forms of the steps it may take next, its files, the
/// objections of its public notice, and its history. Every post goes through <see cref="ApplicationWorkflow"/>,
/// which refuses with a Chinese message and changes nothing.
/// </summary>
public sealed class DetailModel(DoudiDb db, ApplicationWorkflow workflow, CaseFiles files, RequestAudit audit,
    FeedStore store, EffectiveParameters figures, TimeProvider clock) : PageModel
{
    public Application Application { get; private set; } = null!;
    public Household Household { get; private set; } = null!;
    public Procedure Procedure { get; private set; } = null!;
    public DateOnly Today { get; private set; }
    public string? Error { get; private set; }
    public string? ErrorAction { get; private set; }
    public bool CanAct => User.IsInRole(Roles.Caseworker) || User.IsInRole(Roles.CountyApprover);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        await audit.AppendAsync(AuditActions.ApplicationView, AuditActions.ApplicationSubject(id), ct: ct);
        return Page();
    }

    public async Task<IActionResult> OnPostStepAsync(long id, string action, string? on, string? reason, string? target,
        string? verificationPassed, string? verificationNote, string? livingAssessment, string? irregularIncome, string? membersAbleToWork,
        string? attachReport, CancellationToken ct)
    {
        var officer = await ApplicationServices.OfficerAsync(db, User, ct);
        if (officer is null) return Forbid();
        return await RunAsync(id, action, officer, async () =>
        {
            var date = ParseDate(on);
            var step = new TakeStep(id, action, date, reason, target)
            {
                VerificationPassed = YesNo(verificationPassed),
                VerificationNote = verificationNote,
                VerificationReport = action == "verify" && attachReport == "on" ? await ReportJsonAsync(id, date, ct) : null,
                LivingAssessment = livingAssessment,
                IrregularIncome = YesNo(irregularIncome),
                MembersAbleToWork = YesNo(membersAbleToWork),
            };
            await workflow.TakeStepAsync(db, step, officer, ct);
        }, ct);
    }

    public async Task<IActionResult> OnPostTransferAsync(long id, string program, long? memberId, string? on, string? consent, CancellationToken ct)
    {
        var officer = await ApplicationServices.OfficerAsync(db, User, ct);
        if (officer is null) return Forbid();
        long? movedTo = null;
        var result = await RunAsync(id, "transfer", officer, async () =>
            movedTo = (await workflow.TransferAsync(db, new TransferApplication(id, program, memberId, ParseDate(on), consent), officer, ct)).Id, ct);
        return movedTo is { } target ? Redirect("/Applications/" + target.ToString(CultureInfo.InvariantCulture)) : result;
    }

    public async Task<IActionResult> OnPostUploadAsync(long id, string kind, IFormFile? file, CancellationToken ct)
    {
        var officer = await ApplicationServices.OfficerAsync(db, User, ct);
        if (officer is null) return Forbid();
        return await RunAsync(id, "upload", officer, async () =>
        {
            if (file is null) throw new CaseRefusedException("文件", "文件：请选择要上传的文件。");
            // Read at most one byte past the limit: the workflow refuses anything larger without holding it all.
            using var stream = file.OpenReadStream();
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, ct)) > 0 && buffer.Length <= CaseFiles.MaxBytes) buffer.Write(chunk, 0, read);
            await workflow.UploadAsync(db, files, new UploadDocument(id, kind, file.FileName, buffer.ToArray()), officer, ct);
        }, ct);
    }

    public async Task<IActionResult> OnPostObjectionAsync(long id, string? on, string? text, CancellationToken ct)
    {
        var officer = await ApplicationServices.OfficerAsync(db, User, ct);
        if (officer is null) return Forbid();
        return await RunAsync(id, "objection", officer, () => workflow.RecordObjectionAsync(db, new RecordObjection(id, ParseDate(on), text), officer, ct), ct);
    }

    public async Task<IActionResult> OnPostAnswerAsync(long id, long objectionId, string? on, string? answer, CancellationToken ct)
    {
        var officer = await ApplicationServices.OfficerAsync(db, User, ct);
        if (officer is null) return Forbid();
        return await RunAsync(id, "answer", officer, () => workflow.AnswerObjectionAsync(db, new AnswerObjection(id, objectionId, ParseDate(on), answer), officer, ct), ct);
    }

    public async Task<IActionResult> OnPostReceivedAsync(long id, List<string> kinds, CancellationToken ct)
    {
        var officer = await ApplicationServices.OfficerAsync(db, User, ct);
        if (officer is null) return Forbid();
        return await RunAsync(id, "received", officer, () => workflow.MarkReceivedAsync(db, id, kinds, officer, ct), ct);
    }

    /// <summary>A file of the case, from outside the web root; the query filter keeps other regions' cases out.</summary>
    public async Task<IActionResult> OnGetFileAsync(long id, long documentId, CancellationToken ct)
    {
        var document = await db.Applications.AsNoTracking().Where(a => a.Id == id).SelectMany(a => a.Documents)
            .FirstOrDefaultAsync(d => d.Id == documentId, ct);
        if (document is null) return NotFound();
        await audit.AppendAsync(AuditActions.ApplicationDocument, AuditActions.ApplicationSubject(id), "download " + document.Sha256, ct: ct);
        return PhysicalFile(files.PathOf(document.Sha256), document.ContentType, document.FileName);
    }

    private async Task<IActionResult> RunAsync(long id, string action, Officer officer, Func<Task> change, CancellationToken ct)
    {
        try
        {
            await change();
            return Redirect("/Applications/" + id.ToString(CultureInfo.InvariantCulture));
        }
        catch (CaseRefusedException e)
        {
            if (e.Kind == RefusalKind.NotFound && !await db.Applications.AnyAsync(a => a.Id == id, ct)) return NotFound();
            if (e.Kind == RefusalKind.Separation) await workflow.AuditRefusalAsync(db, officer, id, e, ct);
            db.ChangeTracker.Clear();
            if (!await LoadAsync(id, ct)) return NotFound();
            (Error, ErrorAction) = (e.Message, action);
            Response.StatusCode = e.Kind == RefusalKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var application = await ApplicationWorkflow.FindAsync(db, id, ct);
        if (application is null) return false;
        Application = application;
        Household = await db.Households.AsNoTracking().Include(h => h.Members).SingleAsync(h => h.Id == application.HouseholdId, ct);
        Procedure = Procedure.InForce(application.ProcedureSince);
        Today = workflow.Today;
        return true;
    }

    /// <summary>An unreadable date becomes a refusal naming the field, as the workflow's own checks do.</summary>
    /// <summary>
    /// The household verification (核对) on the step's date, from every department feed, kept with the case as it was
    /// then: later imports do not change what the caseworker decided on.
    /// </summary>
    private async Task<string?> ReportJsonAsync(long id, DateOnly on, CancellationToken ct)
    {
        var householdId = await db.Applications.Where(a => a.Id == id).Select(a => (long?)a.HouseholdId).FirstOrDefaultAsync(ct);
        if (householdId is null) return null;
        var report = await new VerifyHouseholdHandler(store, await figures.GetAsync(db, ct), clock).Handle(db, new VerifyHousehold(householdId.Value, on), ct);
        return report?.ToJson();
    }

    private static DateOnly ParseDate(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : throw new CaseRefusedException("日期", "日期：请按 年-月-日 填写，例如 2026-11-02。");

    private static bool? YesNo(string? value) => value switch { "yes" => true, "no" => false, _ => null };
}
