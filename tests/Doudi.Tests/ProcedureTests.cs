using Doudi.Applications;

namespace Doudi.Tests;

/// <summary>The application procedure is data: the shipped limits are the rules' §5 ones, and changing the file changes them.</summary>
public class ProcedureTests
{
    private static readonly string ShippedYaml = File.ReadAllText(Path.Combine(Repository.Root, "policy", "procedure", "steps.yaml"));

    [Fact]
    public void The_shipped_steps_carry_the_limits_of_the_rules()
    {
        var p = Procedure.InForce(new DateOnly(2026, 11, 29));
        Assert.Equal(2, p.State(ApplicationStates.Submitted).WorkingDays);
        Assert.Equal(7, p.State(ApplicationStates.Accepted).WorkingDays);
        Assert.Equal(3, p.State(ApplicationStates.Visited).WorkingDays);
        Assert.Equal((null, 7), (p.State(ApplicationStates.InNotice).WorkingDays, p.State(ApplicationStates.InNotice).CalendarDays));
        Assert.Equal(3, p.State(ApplicationStates.AwaitingDecision).WorkingDays);
        Assert.Equal((30, 45, 12, 6, 6), (p.TotalWorkingDays, p.ExtendedTotalWorkingDays, p.ReviewMonths, p.ReviewMonthsIrregular, p.GradualExitMonths));
        Assert.Equal(["decider"], p.Action("approve")!.Roles);
    }

    [Fact]
    public void A_case_may_only_be_returned_to_an_open_step_before_its_own()
    {
        var p = Procedure.InForce(new DateOnly(2026, 11, 29));
        Assert.Equal(["submitted", "verified", "accepted"], p.EarlierStates(ApplicationStates.Visited).Select(s => s.Code));
        Assert.Equal(["submitted", "verified", "accepted", "visited", "in_notice", "awaiting_decision"], p.EarlierStates(ApplicationStates.Refused).Select(s => s.Code));
        Assert.Empty(p.EarlierStates(ApplicationStates.Submitted));
    }

    [Fact]
    public void A_dated_version_with_a_longer_visit_applies_from_its_date_only()
    {
        var later = ShippedYaml.Replace("  2021-01-01:", "  2027-01-01:", StringComparison.Ordinal)
            .Replace("name: 待入户调查,     limit: { working_days: 7 }", "name: 待入户调查,     limit: { working_days: 10 }", StringComparison.Ordinal);
        var versions = Procedure.Parse(ShippedYaml).Concat(Procedure.Parse(later)).ToList();
        Assert.Equal(7, Procedure.InForce(versions, new DateOnly(2026, 12, 31)).State(ApplicationStates.Accepted).WorkingDays);
        Assert.Equal(10, Procedure.InForce(versions, new DateOnly(2027, 1, 1)).State(ApplicationStates.Accepted).WorkingDays);
    }

    [Fact]
    public void An_action_naming_an_unknown_state_is_refused_when_the_file_is_read()
    {
        var broken = ShippedYaml.Replace("from: [submitted], to: verified", "from: [submitted], to: checked", StringComparison.Ordinal);
        var e = Assert.Throws<InvalidOperationException>(() => Procedure.Parse(broken));
        Assert.Equal("action verify: unknown state 'checked'", e.Message);
    }
}
