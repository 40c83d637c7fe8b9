using Doudi.Applications;
using Doudi.Oversight;
using Doudi.TestData;
using Microsoft.EntityFrameworkCore;
using static Doudi.IntegrationTests.Applications.ApplicationWorld;

namespace Doudi.IntegrationTests.Applications;

/// <summary>Reviews (核查) keep, change or end a benefit; 渐退 keeps it six more months; seamless transfer reuses the case.</summary>
public class ReviewAndTransferTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_review_keeps_a_stable_case_for_a_year_and_ends_a_benefit_at_the_months_end(string kind)
    {
        var world = await CreateAsync(kind);
        var (h, id) = await world.CaseInAsync(ApplicationStates.Enrolled);
        var kept = await world.StepAsync(id, new TakeStep(id, "review_keep", Today) { IrregularIncome = false, MembersAbleToWork = true }, Caseworker);
        Assert.Equal((ApplicationStates.Enrolled, new DateOnly(2027, 11, 29)), (kept.State, kept.ReviewDueOn));

        var ended = await world.StepAsync(id, new TakeStep(id, "review_end", Today, "家庭人均收入已超过低保标准"), Approver);
        Assert.Equal((ApplicationStates.Ended, (DateOnly?)new DateOnly(2026, 11, 30), (DateOnly?)null), (ended.State, ended.BenefitEndsOn, ended.ReviewDueOn));
        await using var db = world.Db();
        var household = await db.Households.Include(x => x.Enrolments).SingleAsync(x => x.Id == h.Id);
        Assert.Equal(("none", 0m), (household.Program, household.MonthlyAmount));
        Assert.Equal([(new DateOnly(2026, 11, 1), (DateOnly?)new DateOnly(2026, 11, 30))], household.Enrolments.Select(e => (e.From, e.To)));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Reporting_improvement_keeps_the_amount_six_more_months(string kind)
    {
        var world = await CreateAsync(kind);
        var (h, id) = await world.CaseInAsync(ApplicationStates.Enrolled);
        var exited = await world.StepAsync(id, new TakeStep(id, "gradual_exit", Today), Approver);
        // Reported in November 2026: paid December to May, the six months after the report's month.
        Assert.Equal(new DateOnly(2027, 5, 31), exited.BenefitEndsOn);
        await using var db = world.Db();
        var household = await db.Households.Include(x => x.Enrolments).SingleAsync(x => x.Id == h.Id);
        Assert.Equal(("dibao", ApplicationSamples.ExpectedDibao), (household.Program, household.MonthlyAmount));
        Assert.Equal(new DateOnly(2027, 5, 31), household.Enrolments.Single().To);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task An_edge_case_found_eligible_for_dibao_moves_with_its_documents_and_verification_and_no_new_submission(string kind)
    {
        var world = await CreateAsync(kind);
        var (h, edgeId) = await world.CaseInAsync(ApplicationStates.Accepted, program: "dibao_edge");
        await using (var db = world.Db(Caseworker))
            await world.Workflow.UploadAsync(db, world.Files, new UploadDocument(edgeId, "income_proof", "收入证明.png", SeparationTests.Png()), Caseworker);

        var refusals = new (TransferApplication Transfer, string Message)[]
        {
            (new TransferApplication(edgeId, "dibao", null, Today, " "), "转办同意：请记录家庭同意转办的方式（如户主书面同意、签字日期）。"),
            (new TransferApplication(edgeId, "expenditure_hardship", null, Today, "户主书面同意"), "转入项目：按现行政策不符合支出型困难条件"),
            (new TransferApplication(edgeId, "tekun", null, Today, "户主书面同意"), "申请对象：个人项目须选择该户的一名现有成员，家庭项目不选择个人。"),
        };
        var before = await world.SnapshotAsync(edgeId);
        foreach (var (transfer, message) in refusals)
        {
            await using var db = world.Db(Caseworker);
            var refused = await Assert.ThrowsAsync<CaseRefusedException>(() => world.Workflow.TransferAsync(db, transfer, Caseworker));
            Assert.StartsWith(message, refused.Message, StringComparison.Ordinal);
        }
        Assert.Equal(before, await world.SnapshotAsync(edgeId));

        Application moved;
        await using (var db = world.Db(Caseworker))
            moved = await world.Workflow.TransferAsync(db, new TransferApplication(edgeId, "dibao", null, Today, "户主 2026-11-28 书面同意转办"), Caseworker);
        Assert.Equal((ApplicationStates.Accepted, (long?)edgeId, true), (moved.State, moved.TransferredFromId, moved.VerificationPassed));
        await using var check = world.Db();
        var source = await check.Applications.SingleAsync(a => a.Id == edgeId);
        Assert.Equal(ApplicationStates.Transferred, source.State);
        Assert.Equal(["收入证明.png"], await check.ApplicationDocuments.Where(d => d.ApplicationId == moved.Id).Select(d => d.FileName).ToListAsync());
        Assert.Equal(1, await check.AuditRecords.CountAsync(r => r.Action == AuditActions.ApplicationTransferred && r.Subject == AuditActions.ApplicationSubject(moved.Id)));

        // It carries on from the home visit and is approved with the 低保 amount.
        await world.StepAsync(moved.Id, Visit(moved.Id, Today), Visitor);
        await world.StepAsync(moved.Id, new TakeStep(moved.Id, "review", Today), Caseworker);
        world.Clock.Now = world.Clock.Now.AddDays(8);
        var today = Today.AddDays(8);
        await world.StepAsync(moved.Id, new TakeStep(moved.Id, "end_notice", today), Caseworker);
        var approved = await world.StepAsync(moved.Id, new TakeStep(moved.Id, "approve", today), Approver);
        Assert.Equal((ApplicationStates.Enrolled, (decimal?)ApplicationSamples.ExpectedDibao), (approved.State, approved.MonthlyAmount));
        Assert.Equal(h.Id, approved.HouseholdId);
    }
}
