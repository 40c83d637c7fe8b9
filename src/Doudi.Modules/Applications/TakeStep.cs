using Doudi.Kernel;
using Doudi.Oversight;
using Doudi.Persistence;

namespace Doudi.Applications;

/// <summary>
/// One step of the procedure (an action of policy/procedure/steps.yaml), with what that step records:
/// the verification result, the home visit's assessment, the reason of a refusal, return or withdrawal, the
/// earlier step a case is returned to.
/// </summary>
public sealed record TakeStep(long ApplicationId, string Action, DateOnly On, string? Reason = null, string? Target = null)
{
    public bool? VerificationPassed { get; init; }
    public string? VerificationNote { get; init; }

    /// <summary>A household verification report (JSON) to keep with the case, when the verification service made one.</summary>
    public string? VerificationReport { get; init; }
    public string? LivingAssessment { get; init; }
    public bool? IrregularIncome { get; init; }
    public bool? MembersAbleToWork { get; init; }
}

public sealed partial class ApplicationWorkflow
{
    public async Task<Application> TakeStepAsync(DoudiDb db, TakeStep c, Officer officer, CancellationToken ct = default)
    {
        var application = await LoadAsync(db, c.ApplicationId, ct);
        var procedure = Procedure.InForce(application.ProcedureSince);
        var (household, context, _) = await ContextAsync(db, application.HouseholdId, application.Program, application.CountyCode, officer, ct);
        var from = application.State;
        var to = application.Check(procedure, c.Action, officer, context, c.On, Today, c.Reason, c.Target);
        string? extra = null;
        switch (c.Action)
        {
            case "verify":
                if (c.VerificationPassed is null)
                    throw new CaseRefusedException("核对结果", "核对结果：请选择家庭经济状况核对是否符合条件。");
                if (string.IsNullOrWhiteSpace(c.VerificationNote) && string.IsNullOrWhiteSpace(c.VerificationReport))
                    throw new CaseRefusedException("核对说明", "核对说明：请填写核对了哪些部门的数据及结果。");
                Limit("核对说明", c.VerificationNote);
                application.VerificationPassed = c.VerificationPassed;
                application.VerificationNote = c.VerificationNote?.Trim();
                application.VerificationReport = c.VerificationReport;
                application.VerifiedBy = officer.UserName;
                extra = "passed=" + (c.VerificationPassed.Value ? "yes" : "no");
                break;
            case "accept":
                var missing = procedure.RequiredDocuments(application.Program).Except(application.ReceivedDocuments).ToList();
                if (missing.Count > 0)
                    throw new CaseRefusedException("材料清单", $"材料清单：尚未收齐 {string.Join("、", missing.Select(procedure.DocumentName))}，不能受理。");
                if (application.VerificationPassed != true)
                    throw new CaseRefusedException("核对结果", "核对结果：经济状况核对不符合条件，只能不予受理或退回重新核对。");
                application.AcceptedOn = c.On;
                application.TotalDueOn = WorkingCalendar.Official.AddWorkingDays(c.On, procedure.TotalWorkingDays);
                break;
            case "visit":
                if (string.IsNullOrWhiteSpace(c.LivingAssessment))
                    throw new CaseRefusedException("生活状况评估", "生活状况评估：请填写入户调查看到的居住、收入和生活状况。");
                Limit("生活状况评估", c.LivingAssessment);
                if (c.IrregularIncome is null) throw new CaseRefusedException("收入是否稳定", "收入是否稳定：请选择该户收入是否不固定。");
                if (c.MembersAbleToWork is null) throw new CaseRefusedException("有劳动能力成员", "有劳动能力成员：请选择该户是否有有劳动能力的成员。");
                // 近亲属备案: the home visit must be complete, photos included.
                if (application.OfficialKin && application.Documents.All(d => d.Kind != "visit_photo"))
                    throw new CaseRefusedException("入户调查照片", "入户调查照片：本申请涉及近亲属备案，须先上传入户调查照片，入户调查方为完整。");
                application.VisitedBy = officer.UserName;
                application.VisitedOn = c.On;
                application.LivingAssessment = c.LivingAssessment.Trim();
                application.IrregularIncome = c.IrregularIncome;
                application.MembersAbleToWork = c.MembersAbleToWork;
                break;
            case "review":
                application.ReviewedBy = officer.UserName;
                application.ReviewOpinion = c.Reason?.Trim();
                application.NoticeStartsOn = c.On;
                // The notice runs its calendar days from the first one: the last day is the start plus the days minus one.
                application.NoticeEndsOn = c.On.AddDays((procedure.State(ApplicationStates.InNotice).CalendarDays ?? 1) - 1);
                break;
            case "review_refuse":
                application.ReviewedBy = officer.UserName;
                application.ReviewOpinion = c.Reason?.Trim();
                application.NoticeStartsOn = application.NoticeEndsOn = null;
                break;
            case "end_notice":
                if (application.NoticeEndsOn is { } end && c.On <= end)
                    throw new CaseRefusedException("日期", $"日期：公示期到 {Application.Date(end)} 结束，{Application.Date(c.On)} 尚未期满。");
                if (application.Objections.Any(o => o.Answer is null))
                    throw new CaseRefusedException("公示异议", "公示异议：还有未答复的异议，答复后才能结束公示。");
                break;
            case "extend":
                // Rules §5: 30 working days from acceptance, extendable once to 45, by the county with its reason.
                if (application.AcceptedOn is not { } acceptedOn)
                    throw new CaseRefusedException("办理期限", "办理期限：本申请尚未受理，没有可延长的办理期限。");
                if (application.TimeLimitExtended)
                    throw new CaseRefusedException("办理期限", $"办理期限：本申请已延长过一次（至受理起 {procedure.ExtendedTotalWorkingDays} 个工作日），不能再延长。");
                application.TotalDueOn = WorkingCalendar.Official.AddWorkingDays(acceptedOn, procedure.ExtendedTotalWorkingDays);
                extra = "total_due=" + Application.Date(application.TotalDueOn.Value);
                break;
            case "approve":
                extra = Approve(await EngineAsync(db, ct), application, procedure, household, officer, c.On);
                break;
            case "refuse":
            case "not_accept":
                application.DecidedBy = officer.UserName;
                application.DecidedOn = c.On;
                application.DecisionReasons = c.Reason!.Trim();
                break;
            case "review_keep":
                if (c.IrregularIncome is { } irregularNow) application.IrregularIncome = irregularNow;
                if (c.MembersAbleToWork is { } ableNow) application.MembersAbleToWork = ableNow;
                application.ReviewDueOn = NextReview(application, procedure, c.On);
                break;
            case "review_change":
                extra = Approve(await EngineAsync(db, ct), application, procedure, household, officer, c.On);
                break;
            case "review_end":
                extra = EndBenefit(application, household, new DateOnly(c.On.Year, c.On.Month, 1).AddMonths(1).AddDays(-1), stopNow: true);
                break;
            case "gradual_exit":
                // 渐退: the amount continues for the policy's months after the month of the report.
                extra = EndBenefit(application, household, new DateOnly(c.On.Year, c.On.Month, 1).AddMonths(1 + procedure.GradualExitMonths).AddDays(-1), stopNow: false);
                break;
            case "reconsider":
                application.DecidedBy = null;
                application.DecidedOn = null;
                break;
        }
        application.Move(procedure, c.Action, to, officer, c.On, clock.GetUtcNow(), c.Reason);
        await SaveAsync(db, officer, AuditActions.ApplicationTransition, application.Id, Detail(c.Action, from, to, extra), ct);
        return application;
    }

    private static void Limit(string field, string? text)
    {
        if (text is { Length: > Application.MaxText }) throw new CaseRefusedException(field, $"{field}：不能超过 {Application.MaxText} 字。");
    }
}
