using Doudi.Applications;
using Doudi.Oversight;
using Doudi.TestData;
using Microsoft.EntityFrameworkCore;
using static Doudi.IntegrationTests.Applications.ApplicationWorld;

namespace Doudi.IntegrationTests.Applications;

/// <summary>Approval: the engine's amount, enrolment from the next month, one winner among simultaneous approvers.</summary>
public class DecisionTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Approval_enrols_the_household_with_the_engines_amount_paid_from_the_next_month(string kind)
    {
        var world = await CreateAsync(kind);
        var (h, id) = await world.CaseInAsync(ApplicationStates.AwaitingDecision);
        var approved = await world.StepAsync(id, new TakeStep(id, "approve", Today), Approver);

        Assert.Equal(ApplicationSamples.ExpectedDibao, approved.MonthlyAmount);
        Assert.Equal(new DateOnly(2026, 12, 1), approved.PaidFrom);
        // The visit found irregular income and members able to work: reviewed every six months.
        Assert.Equal(new DateOnly(2027, 6, 1), approved.ReviewDueOn);
        await using var db = world.Db();
        var household = await db.Households.Include(x => x.Enrolments).SingleAsync(x => x.Id == h.Id);
        Assert.Equal(("dibao", ApplicationSamples.ExpectedDibao, new DateOnly(2026, 12, 1)), (household.Program, household.MonthlyAmount, household.ProgramSince));
        var enrolment = household.Enrolments.Single();
        Assert.Equal(("dibao", ApplicationSamples.ExpectedDibao, new DateOnly(2026, 12, 1), (DateOnly?)null, $"application:{id}"),
            (enrolment.Program, enrolment.MonthlyAmount, enrolment.From, enrolment.To, enrolment.Source));
        var audit = await db.AuditRecords.Where(r => r.Subject == AuditActions.ApplicationSubject(id)).OrderBy(r => r.Id).Select(r => r.Action).ToListAsync();
        Assert.Equal([AuditActions.ApplicationSubmitted, .. Enumerable.Repeat(AuditActions.ApplicationTransition, 6)], audit);
        Assert.True((await AuditTrail.VerifyChainAsync(db)).Intact);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Of_many_simultaneous_approvals_exactly_one_wins_and_the_others_are_told(string kind)
    {
        var world = await CreateAsync(kind);
        var (h, id) = await world.CaseInAsync(ApplicationStates.AwaitingDecision);
        const int attempts = 12;
        using var start = new SemaphoreSlim(0);
        var tasks = Enumerable.Range(0, attempts).Select(i => Task.Run(async () =>
        {
            var officer = Approver with { UserName = "approver" + i };
            await start.WaitAsync();
            try
            {
                await world.StepAsync(id, new TakeStep(id, "approve", Today), officer);
                return (string?)null;
            }
            catch (CaseRefusedException e)
            {
                return e.Kind + ":" + e.Message;
            }
        })).ToList();
        start.Release(attempts);
        var results = await Task.WhenAll(tasks);

        Assert.Single(results, r => r is null);
        foreach (var refusal in results.Where(r => r is not null))
        {
            // Either the token caught it, or the case was already decided when it was read: both say so in Chinese.
            Assert.True(refusal!.StartsWith("Conflict:申请：该申请刚被其他人办理", StringComparison.Ordinal)
                || refusal.StartsWith("WrongState:状态：本申请当前为“已批准纳入”", StringComparison.Ordinal), refusal);
        }
        await using var db = world.Db();
        Assert.Equal(1, await db.ApplicationTransitions.CountAsync(t => t.ApplicationId == id && t.Action == "approve"));
        Assert.Equal(1, await db.Enrolments.CountAsync(e => e.HouseholdId == h.Id));
        Assert.Equal(1, await db.AuditRecords.CountAsync(r => r.Subject == AuditActions.ApplicationSubject(id) && r.Detail!.StartsWith("action=approve")));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_second_approver_holding_the_old_version_gets_the_conflict_message(string kind)
    {
        var world = await CreateAsync(kind);
        var (h, id) = await world.CaseInAsync(ApplicationStates.AwaitingDecision);
        // The second approver's context read the case before the first approval was saved.
        await using var late = world.Db(Approver);
        var stale = await ApplicationWorkflow.FindAsync(late, id, CancellationToken.None);
        await late.Households.Include(x => x.Members).Include(x => x.Enrolments).SingleAsync(x => x.Id == h.Id);
        Assert.Equal(ApplicationStates.AwaitingDecision, stale!.State);

        await world.StepAsync(id, new TakeStep(id, "approve", Today), Approver with { UserName = "first" });
        var refused = await Assert.ThrowsAsync<CaseRefusedException>(() =>
            world.Workflow.TakeStepAsync(late, new TakeStep(id, "approve", Today), Approver with { UserName = "second" }));
        Assert.Equal(RefusalKind.Conflict, refused.Kind);
        Assert.Equal("申请：该申请刚被其他人办理（例如已被另一位审批人审批），本次操作未生效，请刷新页面查看最新状态。", refused.Message);
        await using var db = world.Db();
        Assert.Equal("first", (await db.Applications.SingleAsync(a => a.Id == id)).DecidedBy);
        Assert.Equal(1, await db.Enrolments.CountAsync(e => e.HouseholdId == h.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_household_with_facts_missing_is_not_approved_and_the_missing_facts_are_named(string kind)
    {
        var world = await CreateAsync(kind);
        var (h, id) = await world.CaseInAsync(ApplicationStates.AwaitingDecision);
        await using (var db = world.Db())
        {
            var household = await db.Households.SingleAsync(x => x.Id == h.Id);
            household.Vehicles = null;
            await db.SaveChangesAsync();
        }
        var before = await world.SnapshotAsync(id);
        var refused = await Assert.ThrowsAsync<CaseRefusedException>(() => world.StepAsync(id, new TakeStep(id, "approve", Today), Approver));
        Assert.Equal("家庭信息：登记信息不完整，无法核算救助金额，请先补齐：vehicles。", refused.Message);
        Assert.Equal(before, await world.SnapshotAsync(id));
    }
}
