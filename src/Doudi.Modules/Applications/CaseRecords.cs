using Doudi.Access;
using Doudi.Oversight;
using Doudi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Applications;

public sealed record RecordObjection(long ApplicationId, DateOnly On, string? Text);

public sealed record AnswerObjection(long ApplicationId, long ObjectionId, DateOnly On, string? Answer);

public sealed record UploadDocument(long ApplicationId, string Kind, string FileName, byte[] Content);

/// <summary>Records that belong to a case without moving it: objections during the notice, uploaded files, the county setting.</summary>
public sealed partial class ApplicationWorkflow
{
    public async Task<NoticeObjection> RecordObjectionAsync(DoudiDb db, RecordObjection c, Officer officer, CancellationToken ct = default)
    {
        var application = await LoadAsync(db, c.ApplicationId, ct);
        await CheckCaseworkerStepAsync(db, application, officer, "登记公示异议", ct);
        if (application.State != ApplicationStates.InNotice)
            throw new CaseRefusedException("状态", "状态：只有公示期间才能登记异议。", RefusalKind.WrongState);
        application.CheckDate(c.On, Today);
        if (string.IsNullOrWhiteSpace(c.Text)) throw new CaseRefusedException("异议内容", "异议内容：请填写异议的内容。");
        Limit("异议内容", c.Text);
        var objection = new NoticeObjection { ApplicationId = application.Id, RaisedOn = c.On, Text = c.Text.Trim(), RecordedBy = officer.UserName };
        application.Objections.Add(objection);
        application.Version++;
        await SaveAsync(db, officer, AuditActions.ApplicationObjection, application.Id, "objection recorded", ct);
        return objection;
    }

    public async Task AnswerObjectionAsync(DoudiDb db, AnswerObjection c, Officer officer, CancellationToken ct = default)
    {
        var application = await LoadAsync(db, c.ApplicationId, ct);
        await CheckCaseworkerStepAsync(db, application, officer, "答复公示异议", ct);
        var objection = application.Objections.FirstOrDefault(o => o.Id == c.ObjectionId)
            ?? throw new CaseRefusedException("异议", "异议：找不到该异议。", RefusalKind.NotFound);
        if (objection.Answer is not null) throw new CaseRefusedException("异议", "异议：该异议已答复。", RefusalKind.WrongState);
        if (c.On > Today) throw new CaseRefusedException("日期", $"日期：{Application.Date(c.On)} 晚于今天，不能登记未来的日期。");
        if (c.On < objection.RaisedOn) throw new CaseRefusedException("日期", "日期：答复日期早于异议登记日期。");
        if (string.IsNullOrWhiteSpace(c.Answer)) throw new CaseRefusedException("答复", "答复：请填写核实情况和答复。");
        Limit("答复", c.Answer);
        objection.Answer = c.Answer.Trim();
        objection.AnsweredBy = officer.UserName;
        objection.AnsweredOn = c.On;
        application.Version++;
        await SaveAsync(db, officer, AuditActions.ApplicationObjection, application.Id, "objection answered: " + objection.Id, ct);
    }

    /// <summary>Checks the file by content and size, stores it outside the web root, and keeps it with the case.</summary>
    public async Task<ApplicationDocument> UploadAsync(DoudiDb db, CaseFiles files, UploadDocument c, Officer officer, CancellationToken ct = default)
    {
        var application = await LoadAsync(db, c.ApplicationId, ct);
        await CheckCaseworkerStepAsync(db, application, officer, "上传材料", ct);
        var procedure = Procedure.InForce(application.ProcedureSince);
        if (application.IsFinal(procedure)) throw new CaseRefusedException("状态", "状态：本申请已办结，不能再上传材料。", RefusalKind.WrongState);
        var kinds = procedure.RequiredDocuments(application.Program).Concat(["visit_photo", "other"]).ToList();
        if (!kinds.Contains(c.Kind)) throw new CaseRefusedException("材料类别", $"材料类别：“{c.Kind}”不是本项目的材料。");
        var name = Path.GetFileName(c.FileName ?? "").Trim();
        if (name.Length == 0 || name.Length > 200) throw new CaseRefusedException("文件名", "文件名：为空或超过 200 字。");
        var (type, sha) = await files.SaveAsync(c.Content, ct);
        var document = new ApplicationDocument
        {
            ApplicationId = application.Id,
            Kind = c.Kind,
            FileName = name,
            ContentType = type,
            Size = c.Content.Length,
            Sha256 = sha,
            UploadedBy = officer.UserName,
            UploadedAt = clock.GetUtcNow(),
        };
        application.Documents.Add(document);
        if (c.Kind != "visit_photo" && c.Kind != "other" && !application.ReceivedDocuments.Contains(c.Kind))
            application.DocumentsReceived = string.Join(';', application.ReceivedDocuments.Append(c.Kind));
        application.Version++;
        await SaveAsync(db, officer, AuditActions.ApplicationDocument, application.Id, $"kind={c.Kind}; sha256={sha}", ct);
        return document;
    }

    /// <summary>Ticks checklist items as received (paper copies seen) before acceptance.</summary>
    public async Task MarkReceivedAsync(DoudiDb db, long applicationId, IReadOnlyList<string> kinds, Officer officer, CancellationToken ct = default)
    {
        var application = await LoadAsync(db, applicationId, ct);
        await CheckCaseworkerStepAsync(db, application, officer, "登记材料", ct);
        var procedure = Procedure.InForce(application.ProcedureSince);
        if (application.State is not (ApplicationStates.Submitted or ApplicationStates.Verified))
            throw new CaseRefusedException("状态", "状态：受理后不能再修改材料清单。", RefusalKind.WrongState);
        var unknown = kinds.FirstOrDefault(k => !procedure.RequiredDocuments(application.Program).Contains(k));
        if (unknown is not null) throw new CaseRefusedException("材料清单", $"材料清单：“{unknown}”不在该项目的材料清单中。");
        application.DocumentsReceived = string.Join(';', application.ReceivedDocuments.Union(kinds));
        application.Version++;
        await SaveAsync(db, officer, AuditActions.ApplicationDocument, application.Id, "received=" + string.Join(',', kinds), ct);
    }

    /// <summary>A county approver delegates (or takes back) a program's approval to the county's townships.</summary>
    public async Task SetDelegationAsync(DoudiDb db, string county, string program, bool delegated, Officer officer, CancellationToken ct = default)
    {
        if (officer.Role != Roles.CountyApprover || officer.RegionCode != county)
            throw new CaseRefusedException("角色", "角色：只有本县（区）审批人可以设置审批授权。", RefusalKind.WrongRole);
        if (!ApplicationPrograms.All.Contains(program)) throw new CaseRefusedException("申请项目", $"申请项目：“{program}”不是可申请的项目。");
        var existing = await db.ApprovalDelegations.FirstOrDefaultAsync(d => d.CountyCode == county && d.Program == program, ct);
        if (delegated && existing is null)
            db.ApprovalDelegations.Add(new ApprovalDelegation { CountyCode = county, Program = program, SetBy = officer.UserName, SetAt = clock.GetUtcNow() });
        else if (!delegated && existing is not null)
            db.ApprovalDelegations.Remove(existing);
        else return;
        await audit.AppendAsync(db, new AuditEntry(officer.UserName, AuditActions.ApprovalDelegation, "county:" + county,
            $"program={program}; delegated={delegated}"), ct);
    }

    private async Task CheckCaseworkerStepAsync(DoudiDb db, Application application, Officer officer, string what, CancellationToken ct)
    {
        RequireCaseworkerOf(officer, application.TownshipCode, what);
        var (_, context, _) = await ContextAsync(db, application.HouseholdId, application.Program, application.CountyCode, officer, ct);
        if (context.Kinship is { } conflict)
            throw new CaseRefusedException("回避", $"回避：{conflict}，不能办理本申请的任何步骤（近亲属回避）。", RefusalKind.Separation);
    }
}
