using Doudi.Eligibility;
using Doudi.Eligibility.Recompute;
using Doudi.Kernel;
using Doudi.Oversight;
using Doudi.Persistence;
using Doudi.Policy;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Applications;

/// <summary>
/// Seamless transfer (无缝衔接转办): a household in one program (or with a case open for it) that the engine now finds
/// eligible for another moves to a new case for that program, with the household's recorded consent, reusing the
/// earlier case's consent, documents and verification: no new submission. The new case starts accepted, at the home
/// visit; an open source case ends as transferred, an enrolled one keeps paying until the new decision replaces it.
/// </summary>
public sealed record TransferApplication(long FromApplicationId, string Program, long? MemberId, DateOnly On, string? Consent);

public sealed partial class ApplicationWorkflow
{
    public async Task<Application> TransferAsync(DoudiDb db, TransferApplication c, Officer officer, CancellationToken ct = default)
    {
        var source = await LoadAsync(db, c.FromApplicationId, ct);
        RequireCaseworkerOf(officer, source.TownshipCode, "无缝衔接转办");
        var (household, context, _) = await ContextAsync(db, source.HouseholdId, c.Program, source.CountyCode, officer, ct);
        if (context.Kinship is { } conflict)
            throw new CaseRefusedException("回避", $"回避：{conflict}，不能办理本申请的任何步骤（近亲属回避）。", RefusalKind.Separation);
        var sourceOpen = OpenStates.Contains(source.State);
        if (!sourceOpen && source.State != ApplicationStates.Enrolled)
            throw new CaseRefusedException("状态", "状态：只有办理中或已纳入救助的申请可以转办。", RefusalKind.WrongState);
        if (!ApplicationPrograms.All.Contains(c.Program) || c.Program == source.Program)
            throw new CaseRefusedException("转入项目", "转入项目：请选择另一个可申请的项目。");
        if (ApplicationPrograms.IsIndividual(c.Program) != (c.MemberId is not null)
            || (c.MemberId is { } mid && household.Members.All(m => m.Id != mid || !m.IsCurrent)))
            throw new CaseRefusedException("申请对象", "申请对象：个人项目须选择该户的一名现有成员，家庭项目不选择个人。");
        if (string.IsNullOrWhiteSpace(c.Consent))
            throw new CaseRefusedException("转办同意", "转办同意：请记录家庭同意转办的方式（如户主书面同意、签字日期）。");
        Limit("转办同意", c.Consent);
        source.CheckDate(c.On, Today);
        if (await db.Applications.AnyAsync(a => a.HouseholdId == household.Id && a.Program == c.Program && a.MemberId == c.MemberId && OpenStates.Contains(a.State), ct))
            throw new CaseRefusedException("转入项目", $"转入项目：该户已有办理中的{Registry.Programs.ChineseName(c.Program)}申请。");

        // Only where the engine, on the household's registry facts today, finds it eligible for the new program.
        var current = household.Members.Where(m => m.IsCurrent).ToList();
        var inForce = await EngineAsync(db, ct);
        var figures = new FigureCache(inForce.Book);
        var built = RegistrySituations.Build(ToRegistry(household, current), c.On, figures);
        if (built.Situation is null || figures.For(household.CountyCode, household.Area == "rural" ? Area.Rural : Area.Urban, c.On).Standard is null)
            throw new CaseRefusedException("家庭信息", "家庭信息：登记信息不完整，无法判断是否符合转入项目：" + string.Join("、", built.Missing.Take(8)) + "。");
        var determination = inForce.Evaluate(built.Situation)[c.Program];
        var member = current.FirstOrDefault(m => m.Id == c.MemberId);
        if (!determination.Eligible || (member is not null && !determination.Members.Contains(member.IdNumber)))
            throw new CaseRefusedException("转入项目", $"转入项目：按现行政策不符合{Registry.Programs.ChineseName(c.Program)}条件（{string.Join("；", determination.Reasons)}），不能转办。");

        var procedure = Procedure.InForce(c.On);
        var at = clock.GetUtcNow();
        var target = new Application
        {
            HouseholdId = household.Id,
            MemberId = c.MemberId,
            Program = c.Program,
            TownshipCode = source.TownshipCode,
            CountyCode = source.CountyCode,
            FiledAtCode = source.FiledAtCode,
            ApplicantName = source.ApplicantName,
            ApplicantIdNumber = source.ApplicantIdNumber,
            ByAgent = source.ByAgent,
            ConsentMemberIds = source.ConsentMemberIds,
            DocumentsReceived = string.Join(';', source.ReceivedDocuments.Intersect(procedure.RequiredDocuments(c.Program))),
            AppliedOn = c.On,
            ProcedureSince = procedure.Since,
            State = ApplicationStates.Accepted,
            StepStartedOn = c.On,
            StepDueOn = WorkingCalendar.Official.AddWorkingDays(c.On, procedure.State(ApplicationStates.Accepted).WorkingDays ?? 0),
            AcceptedOn = c.On,
            TotalDueOn = WorkingCalendar.Official.AddWorkingDays(c.On, procedure.TotalWorkingDays),
            VerificationPassed = source.VerificationPassed,
            VerificationNote = source.VerificationNote,
            VerificationReport = source.VerificationReport,
            VerifiedBy = source.VerifiedBy,
            OfficialKin = source.OfficialKin,
            OfficialKinNote = source.OfficialKinNote,
            TransferredFromId = source.Id,
            CreatedBy = officer.UserName,
            CreatedAt = at,
        };
        foreach (var d in source.Documents)
        {
            target.Documents.Add(new ApplicationDocument
            {
                Kind = d.Kind,
                FileName = d.FileName,
                ContentType = d.ContentType,
                Size = d.Size,
                Sha256 = d.Sha256,
                UploadedBy = d.UploadedBy,
                UploadedAt = d.UploadedAt,
            });
        }
        target.History.Add(new ApplicationTransition
        {
            Action = "transfer_in",
            FromState = "",
            ToState = ApplicationStates.Accepted,
            By = officer.UserName,
            Role = officer.Role,
            On = c.On,
            At = at,
            Reason = $"由申请 {source.Id}（{Registry.Programs.ChineseName(source.Program)}）转办；{c.Consent.Trim()}",
        });
        if (sourceOpen)
        {
            source.Move(procedure, "transfer", ApplicationStates.Transferred, officer, c.On, at, $"转办为{Registry.Programs.ChineseName(c.Program)}；{c.Consent.Trim()}");
        }
        else
        {
            source.Version++; // a concurrent step on the source case conflicts with the transfer
        }
        db.Applications.Add(target);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new CaseRefusedException("申请", "申请：该申请刚被其他人办理，本次转办未生效，请刷新页面查看最新状态。", RefusalKind.Conflict);
        }
        await SaveAsync(db, officer, AuditActions.ApplicationTransferred, target.Id,
            $"from={source.Id}; from_program={source.Program}; program={c.Program}; source_state={source.State}", ct);
        await transaction.CommitAsync(ct);
        return target;
    }
}
