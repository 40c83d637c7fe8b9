using Doudi.Applications;
using Doudi.Kernel;
using static Doudi.IntegrationTests.Applications.ApplicationWorld;

namespace Doudi.IntegrationTests.Applications;

/// <summary>Rules §5: 30 working days from acceptance, which the county may extend once to 45, with its reason.</summary>
public class TimeLimitTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task The_county_extends_the_time_limit_once_to_45_working_days_and_the_step_keeps_its_own_deadline(string kind)
    {
        var world = await CreateAsync(kind);
        var (_, id) = await world.CaseInAsync(ApplicationStates.Visited);
        Application before;
        await using (var db = world.Db())
            before = (await ApplicationWorkflow.FindAsync(db, id, CancellationToken.None))!;
        Assert.Equal(WorkingCalendar.Official.AddWorkingDays(AcceptedOn, 30), before.TotalDueOn);

        var extended = await world.StepAsync(id, new TakeStep(id, "extend", ReviewedOn, "申请人住院，入户调查须补充核实"), Approver);

        Assert.Equal(ApplicationStates.Visited, extended.State);
        Assert.True(extended.TimeLimitExtended);
        Assert.Equal(WorkingCalendar.Official.AddWorkingDays(AcceptedOn, 45), extended.TotalDueOn);
        Assert.Equal(before.StepDueOn, extended.StepDueOn);
        Assert.Equal(before.StepStartedOn, extended.StepStartedOn);

        var again = await Assert.ThrowsAsync<CaseRefusedException>(() =>
            world.StepAsync(id, new TakeStep(id, "extend", ReviewedOn, "再次延长"), Approver));
        Assert.Equal("办理期限：本申请已延长过一次（至受理起 45 个工作日），不能再延长。", again.Message);
        var byCaseworker = await Assert.ThrowsAsync<CaseRefusedException>(() =>
            world.StepAsync(id, new TakeStep(id, "extend", ReviewedOn, "延长"), Caseworker));
        Assert.Equal(RefusalKind.WrongRole, byCaseworker.Kind);
    }
}
