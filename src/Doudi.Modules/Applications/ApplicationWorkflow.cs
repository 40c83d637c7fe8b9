using System.Globalization;
using Doudi.Access;
using Doudi.Eligibility;
using Doudi.Oversight;
using Doudi.Persistence;
using Doudi.Policy;
using Doudi.Registry;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Applications;

/// <summary>
/// The use cases of an application, for pages, API and CLI alike. Each loads the case through the caller's
/// region-scoped <see cref="DoudiDb"/>, lets the aggregate check the step, changes it and saves it together with
/// its audit record in one transaction. A refused step throws <see cref="CaseRefusedException"/> and saves nothing.
/// </summary>
public sealed partial class ApplicationWorkflow(TimeProvider clock, AuditTrail audit, IOfficialKin officialKin, EligibilityEngine engine)
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>
    /// Where the figures in force come from when they can change while the process runs (the web host: the shipped
    /// figures plus the administrators' additions in the database). Without it, the engine given is used.
    /// </summary>
    public Func<DoudiDb, CancellationToken, Task<ParameterBook>>? FiguresInForce { get; init; }

    /// <summary>The engine over the figures in force now (one per book, kept until the figures change).</summary>
    private async Task<EligibilityEngine> EngineAsync(DoudiDb db, CancellationToken ct) =>
        FiguresInForce is null ? engine : EligibilityEngine.For(await FiguresInForce(db, ct));

    /// <summary>Today in Guangdong (UTC+8), the date no recorded step may pass.</summary>
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(ChinaOffset).DateTime);

    public static Task<Application?> FindAsync(DoudiDb db, long id, CancellationToken ct) =>
        db.Applications.Include(a => a.History).Include(a => a.Documents).Include(a => a.Objections)
            .AsSplitQuery().FirstOrDefaultAsync(a => a.Id == id, ct);

    private static async Task<Application> LoadAsync(DoudiDb db, long id, CancellationToken ct) =>
        await FindAsync(db, id, ct)
        ?? throw new CaseRefusedException("申请", "申请：找不到该申请，或不在本账号辖区内。", RefusalKind.NotFound);

    private async Task<(Household Household, CaseContext Context, IReadOnlyList<OfficialKinLink> Kin)> ContextAsync(
        DoudiDb db, long householdId, string program, string county, Officer officer, CancellationToken ct)
    {
        var household = await db.Households.Include(h => h.Members).Include(h => h.Enrolments).AsSplitQuery().FirstOrDefaultAsync(h => h.Id == householdId, ct)
            ?? throw new CaseRefusedException("家庭", "家庭：找不到该家庭，或不在本账号辖区内。", RefusalKind.NotFound);
        var kin = await officialKin.ForRelativesAsync(db, household.Members.Select(m => m.IdNumber).ToList(), ct);
        var delegated = await db.ApprovalDelegations.AnyAsync(d => d.CountyCode == county && d.Program == program, ct);
        return (household, new CaseContext(Kinship.Conflict(officer.IdNumber, household.Members, kin), delegated), kin);
    }

    /// <summary>Saves the tracked changes with their audit record; a concurrent change becomes a Chinese conflict message.</summary>
    private async Task SaveAsync(DoudiDb db, Officer officer, string action, long applicationId, string detail, CancellationToken ct)
    {
        try
        {
            await audit.AppendAsync(db, new AuditEntry(officer.UserName, action, AuditActions.ApplicationSubject(applicationId), detail), ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new CaseRefusedException("申请", "申请：该申请刚被其他人办理（例如已被另一位审批人审批），本次操作未生效，请刷新页面查看最新状态。", RefusalKind.Conflict);
        }
    }

    /// <summary>Records an attempt the separation rules refused: oversight wants to see those.</summary>
    public async Task AuditRefusalAsync(DoudiDb db, Officer officer, long applicationId, CaseRefusedException refused, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await audit.AppendAsync(db, new AuditEntry(officer.UserName, AuditActions.ApplicationActionRefused,
            AuditActions.ApplicationSubject(applicationId), refused.Message), ct);
    }

    private static string Detail(string action, string from, string to, string? extra = null) =>
        $"action={action}; from={from}; to={to}" + (extra is null ? "" : "; " + extra);

    internal static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static void RequireCaseworkerOf(Officer officer, string township, string what)
    {
        if (officer.Role != Roles.Caseworker || officer.RegionCode != township)
            throw new CaseRefusedException("角色", $"角色：{what}只能由本乡镇（街道）经办人办理，当前账号为{Roles.ChineseName(officer.Role)}。", RefusalKind.WrongRole);
    }
}
