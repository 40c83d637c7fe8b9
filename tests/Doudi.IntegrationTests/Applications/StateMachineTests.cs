using Doudi.Access;
using Doudi.Applications;
using static Doudi.IntegrationTests.Applications.ApplicationWorld;

namespace Doudi.IntegrationTests.Applications;

/// <summary>
/// Every action of the procedure tried from every reachable state, by an officer of the right role: allowed exactly
/// where policy/procedure/steps.yaml lists the state, and then it leads where the file says; refused everywhere
/// else with a Chinese message naming the state, changing nothing. Then each allowed action by every wrong role.
/// </summary>
public class StateMachineTests
{
    private static readonly string[] Reachable =
    [
        ApplicationStates.Submitted, ApplicationStates.Verified, ApplicationStates.Accepted, ApplicationStates.Visited,
        ApplicationStates.InNotice, ApplicationStates.AwaitingDecision, ApplicationStates.Enrolled, ApplicationStates.Refused,
        ApplicationStates.NotAccepted, ApplicationStates.Withdrawn, ApplicationStates.Ended,
    ];

    private static readonly Procedure Procedure = Procedure.InForce(Today);

    private static Officer RightOfficer(ProcedureAction action) =>
        action.Roles.Contains(Roles.Caseworker) ? Caseworker : Approver;

    private static TakeStep Attempt(ProcedureAction action, long id, string state)
    {
        var target = action.To == ProcedureAction.Earlier ? Procedure.EarlierStates(state).FirstOrDefault()?.Code : null;
        return action.Code switch
        {
            "verify" => Verify(id, Today),
            "visit" => Visit(id, Today),
            _ => new TakeStep(id, action.Code, Today, action.ReasonRequired ? "按规定办理" : null, target),
        };
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Every_action_is_allowed_exactly_from_the_states_the_procedure_lists(string kind)
    {
        var world = await CreateAsync(kind);
        var checkedPairs = 0;
        foreach (var state in Reachable)
        {
            var (_, reused) = await world.CaseInAsync(state);
            foreach (var action in Procedure.Actions)
            {
                var allowed = action.From.Contains(state);
                var id = allowed ? (await world.CaseInAsync(state)).Id : reused;
                var before = await world.SnapshotAsync(id);
                var attempt = Attempt(action, id, state);
                if (allowed)
                {
                    var after = await world.StepAsync(id, attempt, RightOfficer(action));
                    var expected = action.To == ProcedureAction.Earlier ? attempt.Target : action.To == ProcedureAction.Same ? state : action.To;
                    Assert.True(expected == after.State, $"{action.Code} from {state}: expected {expected}, got {after.State}");
                    var now = await world.SnapshotAsync(id);
                    Assert.Equal(before.History + 1, now.History);
                    Assert.Equal(before.Audit + 1, now.Audit);
                    Assert.Equal(before.Version + 1, now.Version);
                }
                else
                {
                    var refused = await Assert.ThrowsAsync<CaseRefusedException>(() => world.StepAsync(id, attempt, RightOfficer(action)));
                    Assert.True(RefusalKind.WrongState == refused.Kind, $"{action.Code} from {state}: {refused.Message}");
                    Assert.StartsWith("状态：本申请当前为“" + Procedure.State(state).Name + "”", refused.Message, StringComparison.Ordinal);
                    Assert.Equal(before, await world.SnapshotAsync(id));
                }
                checkedPairs++;
            }
        }
        Assert.Equal(Reachable.Length * Procedure.Actions.Count, checkedPairs);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Every_allowed_action_is_refused_to_every_other_role_and_changes_nothing(string kind)
    {
        var world = await CreateAsync(kind);
        Officer[] everyone = [Caseworker, Approver, City, OtherTownshipCaseworker, new("auditor", Roles.Auditor, "440000", null)];
        foreach (var action in Procedure.Actions)
        {
            var state = action.From[0];
            var (_, id) = await world.CaseInAsync(state);
            foreach (var officer in everyone)
            {
                var permitted = action.Roles.Any(r => r switch
                {
                    ProcedureAction.Decider => officer == Approver,
                    Roles.Caseworker => officer == Caseworker,
                    Roles.CountyApprover => officer == Approver,
                    _ => false,
                });
                if (permitted) continue;
                var before = await world.SnapshotAsync(id);
                // Officers outside the township's scope do not find the case at all; inside it, the role is refused.
                var refused = await Assert.ThrowsAsync<CaseRefusedException>(() => world.StepAsync(id, Attempt(action, id, state), officer));
                Assert.Contains(refused.Kind, new[] { RefusalKind.WrongRole, RefusalKind.NotFound });
                if (officer == City || officer == Caseworker || officer == Approver)
                {
                    Assert.Equal(RefusalKind.WrongRole, refused.Kind);
                    Assert.StartsWith("角色：", refused.Message, StringComparison.Ordinal);
                }
                Assert.Equal(before, await world.SnapshotAsync(id));
            }
        }
    }
}
