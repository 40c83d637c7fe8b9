using Doudi.Eligibility.Rules;
using Doudi.Kernel;
using Doudi.Oversight;
using Doudi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Applications;

/// <summary>
/// A new application, as the township caseworker records it: the household, the program (and the member, for an
/// individual program), where it was handed in, who applied (an adult member, or an agent with an ID number),
/// the members who signed the consent to verification, and the checklist items received.
/// </summary>
public sealed record SubmitApplication(
    long HouseholdId, string Program, long? MemberId, string? FiledAtCode, long? ApplicantMemberId,
    string? AgentName, string? AgentIdNumber, IReadOnlyList<long> ConsentMemberIds, IReadOnlyList<string> DocumentsReceived,
    DateOnly AppliedOn);

public sealed partial class ApplicationWorkflow
{
    public async Task<Application> SubmitAsync(DoudiDb db, SubmitApplication c, Officer officer, CancellationToken ct = default)
    {
        if (!ApplicationPrograms.All.Contains(c.Program))
            throw new CaseRefusedException("申请项目", $"申请项目：“{c.Program}”不是可申请的项目。");
        var (household, context, kin) = await ContextAsync(db, c.HouseholdId, c.Program, "", officer, ct);
        RequireCaseworkerOf(officer, household.TownshipCode, "受理申请");
        if (context.Kinship is { } conflict)
            throw new CaseRefusedException("回避", $"回避：{conflict}，不能办理本申请的任何步骤（近亲属回避）。", RefusalKind.Separation);
        var today = Today;
        if (c.AppliedOn > today)
            throw new CaseRefusedException("申请日期", $"申请日期：{Application.Date(c.AppliedOn)} 晚于今天（{Application.Date(today)}），不能登记未来的日期。");
        var current = household.Members.Where(m => m.IsCurrent).ToList();
        if (ApplicationPrograms.IsIndividual(c.Program))
        {
            if (c.MemberId is null || current.All(m => m.Id != c.MemberId))
                throw new CaseRefusedException("申请对象", $"申请对象：{Registry.Programs.ChineseName(c.Program)}是个人项目，请选择该户的一名现有成员。");
        }
        else if (c.MemberId is not null)
        {
            throw new CaseRefusedException("申请对象", $"申请对象：{Registry.Programs.ChineseName(c.Program)}以家庭为单位申请，不选择个人。");
        }

        string applicantName;
        string? applicantId;
        var byAgent = c.ApplicantMemberId is null;
        if (!byAgent)
        {
            var applicant = current.FirstOrDefault(m => m.Id == c.ApplicantMemberId)
                ?? throw new CaseRefusedException("申请人", "申请人：不是该户的现有成员。");
            if (MemberRules.Age(applicant.BirthDate, c.AppliedOn) < 18)
                throw new CaseRefusedException("申请人", $"申请人：{applicant.Name}未满 18 周岁，应由成年家庭成员或代办人申请。");
            (applicantName, applicantId) = (applicant.Name, applicant.IdNumber);
        }
        else
        {
            if (string.IsNullOrWhiteSpace(c.AgentName) || c.AgentName.Trim().Length > 50)
                throw new CaseRefusedException("代办人姓名", "代办人姓名：请填写代办人姓名（不超过 50 字），或选择申请的家庭成员。");
            var parsed = IdNumber.TryParse(c.AgentIdNumber, today);
            if (parsed.Id is not { } agentId) throw new CaseRefusedException("代办人身份证号", "代办人身份证号：" + parsed.Error + "。");
            (applicantName, applicantId) = (c.AgentName.Trim(), agentId.Value);
        }

        var missingConsent = current.Where(m => !c.ConsentMemberIds.Contains(m.Id)).Select(m => m.Name).ToList();
        if (missingConsent.Count > 0)
            throw new CaseRefusedException("授权", $"授权：家庭经济状况核对须由全体家庭成员签字授权，缺少 {string.Join("、", missingConsent)} 的授权。");
        if (c.ConsentMemberIds.Any(id => current.All(m => m.Id != id)))
            throw new CaseRefusedException("授权", "授权：授权人不是该户的现有成员。");

        var procedure = Procedure.InForce(c.AppliedOn);
        var unknownDocument = c.DocumentsReceived.FirstOrDefault(d => !procedure.RequiredDocuments(c.Program).Contains(d));
        if (unknownDocument is not null) throw new CaseRefusedException("材料清单", $"材料清单：“{unknownDocument}”不在该项目的材料清单中。");

        // Where it was handed in: the township of residence, or of a member's 户籍 (the case is handled at residence).
        var filedAt = string.IsNullOrEmpty(c.FiledAtCode) ? household.TownshipCode : c.FiledAtCode;
        if (filedAt != household.TownshipCode && current.All(m => m.HukouCode != filedAt))
            throw new CaseRefusedException("申请地", $"申请地：{filedAt} 既不是该户居住地乡镇（{household.TownshipCode}），也不是成员的户籍地。");

        var open = await db.Applications.AnyAsync(a => a.HouseholdId == household.Id && a.Program == c.Program && a.MemberId == c.MemberId
            && OpenStates.Contains(a.State), ct);
        if (open) throw new CaseRefusedException("申请项目", $"申请项目：该户已有办理中的{Registry.Programs.ChineseName(c.Program)}申请，不能重复申请。");

        var kinNote = Kinship.OfficialKinNote(household.Members, kin);
        var application = new Application
        {
            HouseholdId = household.Id,
            MemberId = c.MemberId,
            Program = c.Program,
            TownshipCode = household.TownshipCode,
            CountyCode = household.CountyCode,
            FiledAtCode = filedAt,
            ApplicantName = applicantName,
            ApplicantIdNumber = applicantId,
            ByAgent = byAgent,
            ConsentMemberIds = string.Join(';', c.ConsentMemberIds.Distinct().Order()),
            DocumentsReceived = string.Join(';', c.DocumentsReceived.Distinct()),
            AppliedOn = c.AppliedOn,
            ProcedureSince = procedure.Since,
            State = ApplicationStates.Submitted,
            StepStartedOn = c.AppliedOn,
            StepDueOn = WorkingCalendar.Official.AddWorkingDays(c.AppliedOn, procedure.State(ApplicationStates.Submitted).WorkingDays ?? 0),
            OfficialKin = kinNote is not null,
            OfficialKinNote = kinNote,
            CreatedBy = officer.UserName,
            CreatedAt = clock.GetUtcNow(),
        };
        application.History.Add(new ApplicationTransition
        {
            Action = "submit",
            FromState = "",
            ToState = ApplicationStates.Submitted,
            By = officer.UserName,
            Role = officer.Role,
            On = c.AppliedOn,
            At = application.CreatedAt,
        });
        db.Applications.Add(application);
        // The case needs its id for the audit subject: both are written in one transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await SaveAsync(db, officer, AuditActions.ApplicationSubmitted, application.Id,
            $"household={household.HouseholdNo}; program={c.Program}; official_kin={application.OfficialKin}", ct);
        await transaction.CommitAsync(ct);
        return application;
    }

    /// <summary>States of a case still being handled (not final).</summary>
    public static readonly string[] OpenStates =
    [
        ApplicationStates.Submitted, ApplicationStates.Verified, ApplicationStates.Accepted, ApplicationStates.Visited,
        ApplicationStates.InNotice, ApplicationStates.AwaitingDecision,
    ];
}
