using System.Globalization;
using Doudi.Access;
using Doudi.Kernel;

namespace Doudi.Applications;

/// <summary>
/// An application (申请) for one assistance program, from submission to decision: an explicit state machine whose
/// steps, limits and allowed actions come from <see cref="Procedure"/>. The aggregate guards every change itself:
/// wrong state, wrong role, the home visitor deciding, an officer's own or close relative's case, a date in the
/// future or before the last step. It checks everything before it changes anything.
/// </summary>
public sealed class Application
{
    public long Id { get; set; }
    public long HouseholdId { get; set; }

    /// <summary>The member an individual program is for (特困, the disability subsidies, the children's allowances).</summary>
    public long? MemberId { get; set; }
    public required string Program { get; set; }

    /// <summary>Township of residence (9 digits): the case belongs to it and region scoping compares against it.</summary>
    public required string TownshipCode { get; set; }
    public required string CountyCode { get; set; }

    /// <summary>Where it was handed in: the township of residence, or of a member's 户籍.</summary>
    public required string FiledAtCode { get; set; }

    public required string ApplicantName { get; set; }
    public string? ApplicantIdNumber { get; set; }

    /// <summary>Handed in by an agent (代办) rather than an adult member.</summary>
    public bool ByAgent { get; set; }

    /// <summary>Members who signed the consent to verification (授权), by member id, ';'-separated.</summary>
    public string ConsentMemberIds { get; set; } = "";

    /// <summary>Checklist items received (材料清单), ';'-separated codes of the procedure's document list.</summary>
    public string DocumentsReceived { get; set; } = "";

    public DateOnly AppliedOn { get; set; }
    public DateOnly ProcedureSince { get; set; }
    public string State { get; set; } = ApplicationStates.Submitted;
    public DateOnly StepStartedOn { get; set; }
    public DateOnly? StepDueOn { get; set; }

    public DateOnly? AcceptedOn { get; set; }
    public DateOnly? TotalDueOn { get; set; }

    // Economic verification (经济状况核对): recorded by hand until the verification service is wired.
    public bool? VerificationPassed { get; set; }
    public string? VerificationNote { get; set; }

    /// <summary>A stored snapshot (JSON) of the household verification report, when one was produced.</summary>
    public string? VerificationReport { get; set; }
    public string? VerifiedBy { get; set; }

    // Home visit (入户调查) and living-situation assessment.
    public string? VisitedBy { get; set; }
    public DateOnly? VisitedOn { get; set; }
    public string? LivingAssessment { get; set; }
    public bool? IrregularIncome { get; set; }
    public bool? MembersAbleToWork { get; set; }

    public string? ReviewedBy { get; set; }
    public string? ReviewOpinion { get; set; }

    /// <summary>First and last day of the public notice (公示).</summary>
    public DateOnly? NoticeStartsOn { get; set; }
    public DateOnly? NoticeEndsOn { get; set; }

    public string? DecidedBy { get; set; }
    public DateOnly? DecidedOn { get; set; }
    public string? DecisionReasons { get; set; }
    public decimal? MonthlyAmount { get; set; }
    public DateOnly? PaidFrom { get; set; }

    /// <summary>The engine's reasons and figures behind the amount, one per line, kept for the audit and the letter.</summary>
    public string? AmountBasis { get; set; }

    /// <summary>A household member appears in the official_kin feed (近亲属备案): separate register, full home visit.</summary>
    public bool OfficialKin { get; set; }
    public string? OfficialKinNote { get; set; }

    /// <summary>The case this one continues by seamless transfer (无缝衔接转办), reusing its documents and verification.</summary>
    public long? TransferredFromId { get; set; }

    /// <summary>Last day the benefit is paid, once a review or a 渐退 ended it.</summary>
    public DateOnly? BenefitEndsOn { get; set; }

    /// <summary>The next review (核查) of an enrolled case.</summary>
    public DateOnly? ReviewDueOn { get; set; }

    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Concurrency token, bumped on every change: of two simultaneous approvals exactly one succeeds.</summary>
    public int Version { get; set; }

    public List<ApplicationTransition> History { get; set; } = [];
    public List<ApplicationDocument> Documents { get; set; } = [];
    public List<NoticeObjection> Objections { get; set; } = [];

    public bool IsFinal(Procedure procedure) => procedure.State(State).Final;

    public IReadOnlyList<long> ConsentMembers => Split(ConsentMemberIds).Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToList();
    public IReadOnlyList<string> ReceivedDocuments => Split(DocumentsReceived);

    /// <summary>
    /// Checks that <paramref name="officer"/> may take <paramref name="action"/> now, without changing anything.
    /// Returns the state the action leads to.
    /// </summary>
    public string Check(Procedure procedure, string action, Officer officer, CaseContext context, DateOnly on, DateOnly today, string? reason, string? target)
    {
        var step = procedure.Action(action) ?? throw new CaseRefusedException("操作", $"操作：未知的操作“{action}”。");
        if (!step.From.Contains(State))
            throw new CaseRefusedException("状态", $"状态：本申请当前为“{procedure.State(State).Name}”，不能执行“{step.Name}”。", RefusalKind.WrongState);
        CheckRole(step, officer, context);
        CheckSeparation(step, officer, context);
        CheckDate(on, today);
        if (step.ReasonRequired && string.IsNullOrWhiteSpace(reason))
            throw new CaseRefusedException("理由", $"理由：“{step.Name}”必须填写理由。");
        if (reason is { Length: > MaxText })
            throw new CaseRefusedException("理由", $"理由：不能超过 {MaxText} 字。");
        if (step.To == ProcedureAction.Same) return State;
        if (step.To != ProcedureAction.Earlier) return step.To;
        var allowed = procedure.EarlierStates(State).ToList();
        if (string.IsNullOrEmpty(target) || allowed.All(s => s.Code != target))
            throw new CaseRefusedException("退回至", $"退回至：请选择此前的步骤（{string.Join("、", allowed.Select(s => s.Name))}）。");
        return target;
    }

    public const int MaxText = 2000;

    private void CheckRole(ProcedureAction step, Officer officer, CaseContext context)
    {
        var allowed = step.Roles.Any(role => role switch
        {
            ProcedureAction.Decider => context.DelegatedToTownship
                ? officer.Role == Roles.Caseworker && officer.RegionCode == TownshipCode
                : officer.Role == Roles.CountyApprover && officer.RegionCode == CountyCode,
            Roles.Caseworker => officer.Role == Roles.Caseworker && officer.RegionCode == TownshipCode,
            Roles.CountyApprover => officer.Role == Roles.CountyApprover && officer.RegionCode == CountyCode,
            _ => false,
        });
        if (allowed) return;
        var who = step.Roles.Contains(ProcedureAction.Decider)
            ? context.DelegatedToTownship ? "本乡镇（街道）经办人（县级已授权乡镇审批）" : "本县（区）审批人"
            : string.Join("或", step.Roles.Select(r => r == Roles.Caseworker ? "本乡镇（街道）经办人" : "本县（区）审批人"));
        throw new CaseRefusedException("角色", $"角色：“{step.Name}”只能由{who}办理，当前账号为{Roles.ChineseName(officer.Role)}。", RefusalKind.WrongRole);
    }

    private void CheckSeparation(ProcedureAction step, Officer officer, CaseContext context)
    {
        if (context.Kinship is { } kin)
            throw new CaseRefusedException("回避", $"回避：{kin}，不能办理本申请的任何步骤（近亲属回避）。", RefusalKind.Separation);
        var decides = step.Roles.Contains(ProcedureAction.Decider);
        var visited = History.Any(h => h.Action == "visit" && string.Equals(h.By, officer.UserName, StringComparison.Ordinal));
        if (decides && visited)
            throw new CaseRefusedException("审批人", "审批人：入户调查人员不能审批同一申请（审核与审批分离）。", RefusalKind.Separation);
    }

    public void CheckDate(DateOnly on, DateOnly today)
    {
        if (on > today)
            throw new CaseRefusedException("日期", $"日期：{Date(on)} 晚于今天（{Date(today)}），不能登记未来的日期。");
        var last = History.Count == 0 ? AppliedOn : History.Max(h => h.On);
        if (on < last)
            throw new CaseRefusedException("日期", $"日期：{Date(on)} 早于上一步的日期（{Date(last)}）。");
    }

    /// <summary>Moves to <paramref name="to"/>, records the step in the history and sets the new step's deadline.</summary>
    public void Move(Procedure procedure, string action, string to, Officer officer, DateOnly on, DateTimeOffset at, string? reason)
    {
        History.Add(new ApplicationTransition
        {
            ApplicationId = Id,
            Action = action,
            FromState = State,
            ToState = to,
            By = officer.UserName,
            Role = officer.Role,
            On = on,
            At = at,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
        });
        // Staying in the same step (a review of an enrolled case, an extension) does not restart the step's clock.
        if (to != State)
        {
            StepStartedOn = on;
            StepDueOn = Deadline(procedure, to, on);
        }
        State = to;
        Version++;
    }

    private DateOnly? Deadline(Procedure procedure, string state, DateOnly start)
    {
        var step = procedure.State(state);
        // The decision's 3 working days run from the notice's end, whenever the end was recorded.
        if (state == ApplicationStates.AwaitingDecision && NoticeEndsOn is { } end && start > end) start = end;
        if (step.WorkingDays is { } w) return WorkingCalendar.Official.AddWorkingDays(start, w);
        if (step.CalendarDays is { } c) return start.AddDays(c);
        return null;
    }

    /// <summary>The deadline of the current step, or of the whole procedure when the step has none of its own.</summary>
    public DateOnly? CurrentDeadline => StepDueOn ?? (AcceptedOn is not null && State != ApplicationStates.Enrolled ? TotalDueOn : null);

    /// <summary>Whether the county extended the total time limit (rules §5: 30 working days, extendable once to 45).</summary>
    public bool TimeLimitExtended => History.Any(h => h.Action == "extend");

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static IReadOnlyList<string> Split(string list) =>
        list.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>What the aggregate needs to know about the case's surroundings, found by the handler.</summary>
/// <param name="Kinship">Why the officer must stand aside (own case, a close relative), or null.</param>
/// <param name="DelegatedToTownship">The county delegated this program's approval to its townships.</param>
public sealed record CaseContext(string? Kinship, bool DelegatedToTownship);

public static class ApplicationStates
{
    public const string Submitted = "submitted";
    public const string Verified = "verified";
    public const string Accepted = "accepted";
    public const string Visited = "visited";
    public const string InNotice = "in_notice";
    public const string AwaitingDecision = "awaiting_decision";
    public const string Enrolled = "enrolled";
    public const string Refused = "refused";
    public const string NotAccepted = "not_accepted";
    public const string Withdrawn = "withdrawn";
    public const string Transferred = "transferred";
    public const string Ended = "ended";
}

/// <summary>The programs one applies for here, and whether each is a household's or one member's.</summary>
public static class ApplicationPrograms
{
    public static readonly string[] Household = ["dibao", "dibao_edge", "expenditure_hardship"];

    public static readonly string[] Individual =
        ["tekun", "disability_care_subsidy", "disability_living_subsidy", "orphan_allowance", "unsupported_child_allowance"];

    public static readonly string[] All = [.. Household, .. Individual];

    public static bool IsIndividual(string program) => Individual.Contains(program);
}

/// <summary>One step of a case's history: who moved it from which state to which, on which day, and why.</summary>
public sealed class ApplicationTransition
{
    public long Id { get; set; }
    public long ApplicationId { get; set; }
    public required string Action { get; set; }
    public required string FromState { get; set; }
    public required string ToState { get; set; }
    public required string By { get; set; }
    public required string Role { get; set; }

    /// <summary>The day the step was taken (may be recorded later than it happened, never in the future).</summary>
    public DateOnly On { get; set; }
    public DateTimeOffset At { get; set; }
    public string? Reason { get; set; }
}

/// <summary>An uploaded file kept with the case, stored outside the web root under its SHA-256.</summary>
public sealed class ApplicationDocument
{
    public long Id { get; set; }
    public long ApplicationId { get; set; }

    /// <summary>A checklist code of the procedure, or <c>visit_photo</c>.</summary>
    public required string Kind { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public required string UploadedBy { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}

/// <summary>An objection raised during the public notice (公示异议), and the township's answer.</summary>
public sealed class NoticeObjection
{
    public long Id { get; set; }
    public long ApplicationId { get; set; }
    public DateOnly RaisedOn { get; set; }
    public required string Text { get; set; }
    public required string RecordedBy { get; set; }
    public string? Answer { get; set; }
    public string? AnsweredBy { get; set; }
    public DateOnly? AnsweredOn { get; set; }
}

/// <summary>A county's delegation of one program's approval to its townships (a county setting).</summary>
public sealed class ApprovalDelegation
{
    public required string CountyCode { get; set; }
    public required string Program { get; set; }
    public required string SetBy { get; set; }
    public DateTimeOffset SetAt { get; set; }
}
