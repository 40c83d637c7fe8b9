using System.Text;
using Doudi.Eligibility;
using Doudi.Eligibility.Recompute;
using Doudi.Policy;
using Doudi.Registry;

namespace Doudi.Applications;

public sealed partial class ApplicationWorkflow
{
    /// <summary>
    /// Approval: the amount comes from the eligibility engine on the household's registry facts on the decision
    /// day; the household (or member) is enrolled from the first day of the month after (rules §4.1). A household
    /// whose facts are incomplete, or that the engine finds not eligible, is not approved: the reasons say why.
    /// </summary>
    private string Approve(EligibilityEngine inForce, Application application, Procedure procedure, Household household, Officer officer, DateOnly on)
    {
        if (application.OfficialKin && (application.VisitedOn is null || application.Documents.All(d => d.Kind != "visit_photo")))
            throw new CaseRefusedException("入户调查", "入户调查：近亲属备案的申请须有完整的入户调查（含照片）才能审批。");
        var current = household.Members.Where(m => m.IsCurrent).ToList();
        var figures = new FigureCache(inForce.Book);
        if (figures.For(household.CountyCode, household.Area == "rural" ? Area.Rural : Area.Urban, on).Standard is null)
            throw new CaseRefusedException("家庭信息", $"家庭信息：{household.CountyCode} 在 {Application.Date(on)} 没有现行的低保标准，无法核算救助金额，请先录入该地的标准。");
        var built = RegistrySituations.Build(ToRegistry(household, current), on, figures);
        if (built.Situation is null)
            throw new CaseRefusedException("家庭信息", "家庭信息：登记信息不完整，无法核算救助金额，请先补齐：" + string.Join("、", built.Missing.Take(8)) + (built.Missing.Count > 8 ? " 等" : "") + "。");
        var evaluation = inForce.Evaluate(built.Situation);
        var determination = evaluation[application.Program];
        var member = application.MemberId is { } memberId ? current.FirstOrDefault(m => m.Id == memberId) : null;
        if (application.MemberId is not null && member is null)
            throw new CaseRefusedException("申请对象", "申请对象：该成员已不在户内，不能批准。");
        var eligible = determination.Eligible && (member is null || determination.Members.Contains(member.IdNumber));
        if (!eligible)
            throw new CaseRefusedException("审批", $"审批：按 {Application.Date(on)} 的政策核算，不符合{Registry.Programs.ChineseName(application.Program)}条件（{string.Join("；", determination.Reasons)}），只能不予批准。");
        var amount = member is null ? determination.MonthlyAmount : determination.PerMember.First(p => p.Key == member.IdNumber).Value;
        var paidFrom = new DateOnly(on.Year, on.Month, 1).AddMonths(procedure.PaidFromMonthsAfterDecision);

        var basis = new StringBuilder();
        foreach (var reason in determination.Reasons) basis.Append(reason).Append('\n');
        foreach (var figure in determination.Parameters) basis.Append(figure.Name).Append(' ').Append(figure.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('（').Append(figure.Reference).Append("）\n");

        application.DecidedBy = officer.UserName;
        application.DecidedOn = on;
        application.MonthlyAmount = amount;
        application.PaidFrom = paidFrom;
        application.AmountBasis = basis.ToString().TrimEnd();
        application.DecisionReasons = string.Join("；", determination.Reasons);
        application.ReviewDueOn = NextReview(application, procedure, paidFrom);
        Enrol(household, member, application.Program, amount, paidFrom, "application:" + application.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), clock.GetUtcNow());
        return $"amount={Money(amount)}; paid_from={Application.Date(paidFrom)}";
    }

    /// <summary>Half-yearly for irregular income with members able to work, yearly otherwise (rules §5).</summary>
    private static DateOnly NextReview(Application application, Procedure procedure, DateOnly from) =>
        from.AddMonths(application.IrregularIncome == true && application.MembersAbleToWork == true ? procedure.ReviewMonthsIrregular : procedure.ReviewMonths);

    /// <summary>Ends the case's open enrolment on <paramref name="lastDay"/>; a stop now also clears the registry's current program.</summary>
    private string EndBenefit(Application application, Household household, DateOnly lastDay, bool stopNow)
    {
        var memberId = application.MemberId;
        var open = household.Enrolments.FirstOrDefault(e => e.MemberId == memberId && e.Program == application.Program && e.To is null)
            ?? throw new CaseRefusedException("救助记录", "救助记录：该户没有本项目正在发放的救助，无需停止。", RefusalKind.WrongState);
        open.To = lastDay < open.From ? open.From : lastDay;
        application.BenefitEndsOn = open.To;
        application.ReviewDueOn = null;
        if (stopNow)
        {
            if (memberId is null)
            {
                household.Program = "none";
                household.MonthlyAmount = 0m;
                household.ProgramSince = open.To.Value.AddDays(1);
            }
            else if (household.Members.FirstOrDefault(m => m.Id == memberId) is { } member)
            {
                member.MemberPrograms = string.Join(';', Application.Split(member.MemberPrograms).Where(p => p != application.Program));
            }
        }
        household.UpdatedAt = clock.GetUtcNow();
        household.Version++;
        return "benefit_ends=" + Application.Date(open.To.Value);
    }

    /// <summary>Closes the open period of the same scope the day before and opens the new one (Registry keeps the history).</summary>
    internal static void Enrol(Household household, Registry.Member? member, string program, decimal amount, DateOnly from, string source, DateTimeOffset at)
    {
        // A second decision taking effect the same day replaces the first one's amount instead of overlapping it.
        var same = household.Enrolments.FirstOrDefault(e => e.MemberId == member?.Id && e.To is null && e.From == from && (member is null || e.Program == program));
        if (same is not null) household.Enrolments.Remove(same);
        if (member is null)
        {
            foreach (var open in household.Enrolments.Where(e => e.MemberId is null && e.To is null && e.From < from)) open.To = from.AddDays(-1);
            household.Program = program;
            household.MonthlyAmount = amount;
            household.ProgramSince = from;
        }
        else
        {
            foreach (var open in household.Enrolments.Where(e => e.MemberId == member.Id && e.Program == program && e.To is null && e.From < from))
                open.To = from.AddDays(-1);
            var programs = Application.Split(member.MemberPrograms).ToList();
            if (!programs.Contains(program)) programs.Add(program);
            member.MemberPrograms = string.Join(';', programs);
        }
        household.Enrolments.Add(new Enrolment
        {
            HouseholdId = household.Id,
            MemberId = member?.Id,
            Program = program,
            MonthlyAmount = amount,
            From = from,
            Source = source,
        });
        household.UpdatedAt = at;
        household.Version++;
    }

    private static RegistryHousehold ToRegistry(Household h, List<Registry.Member> current) => new(
        h.Id, h.HouseholdNo, h.CountyCode, h.Area, h.Program, h.MonthlyAmount, h.FinancialAssets, h.ResidentialProperties,
        h.NonResidentialProperties, h.Vehicles, h.Businesses, h.RigidSpending12m, h.AnnualIncome,
        current.Select(m => new RegistryMember(m.Id, m.IdNumber, m.Sex, m.BirthDate, m.DisabilityCategory, m.DisabilityGrade,
            m.SeriousIllness, m.MonthlyIncome, m.FullTimeStudent, m.Childless, m.RefusesWork, m.SpecialOutpatient,
            m.UnableToWorkCertified, m.AdlUnable, m.Supporter, m.Parent1, m.Parent2, m.Care, m.MemberPrograms)).ToList());
}
