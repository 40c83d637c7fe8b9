using Doudi.Access;
using Doudi.Applications;
using Doudi.Eligibility;
using Doudi.Oversight;
using Doudi.Persistence;
using Doudi.Registry;
using Doudi.TestData;
using Microsoft.EntityFrameworkCore;

namespace Doudi.IntegrationTests.Applications;

/// <summary>A clock the test sets: "today" is whatever the scenario needs (China time, UTC+8).</summary>
public sealed class SetClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// A migrated database with the registry samples, a workflow on a set clock (today 2026-11-29), officers of
/// each role, and a way to bring a new case to any state through the real steps.
/// </summary>
public sealed class ApplicationWorld
{
    public static readonly DateOnly Today = new(2026, 11, 29);
    // 增城区 under its current code (RegistrySamples' 440183 is the pre-2014 code, which has no 低保 standard).
    public const string Township = "440118001";
    public const string County = "440118";

    public static readonly Officer Caseworker = new("cw", Roles.Caseworker, Township, null);
    public static readonly Officer Visitor = new("visitor", Roles.Caseworker, Township, null);
    public static readonly Officer Approver = new("approver", Roles.CountyApprover, County, null);
    public static readonly Officer City = new("city", Roles.CityStaff, "440100", null);
    public static readonly Officer OtherTownshipCaseworker = new("cw2", Roles.Caseworker, "440118002", null);

    // Dates of the path a case takes to each state: all before today, in order.
    public static readonly DateOnly Applied = new(2026, 10, 9);
    public static readonly DateOnly VerifiedOn = new(2026, 10, 12);
    public static readonly DateOnly AcceptedOn = new(2026, 10, 13);
    public static readonly DateOnly VisitedOn = new(2026, 10, 16);
    public static readonly DateOnly ReviewedOn = new(2026, 10, 19);
    public static readonly DateOnly NoticeOverOn = new(2026, 10, 26);

    private ApplicationWorld(DatabaseLocation location, SetClock clock, IOfficialKin kin)
    {
        Location = location;
        Clock = clock;
        Workflow = new ApplicationWorkflow(clock, new AuditTrail(clock), kin, EligibilityEngine.Shipped);
        Files = new CaseFiles(Path.Combine(Path.GetTempPath(), "doudi-files-" + Guid.NewGuid().ToString("N")));
    }

    public DatabaseLocation Location { get; }
    public SetClock Clock { get; }
    public ApplicationWorkflow Workflow { get; private set; }
    public CaseFiles Files { get; }

    public static async Task<ApplicationWorld> CreateAsync(string kind, IOfficialKin? kin = null)
    {
        var location = await TestDatabases.CreateAsync(kind);
        await using (var db = location.Open()) await RegistrySamples.SeedAsync(db);
        return new ApplicationWorld(location, new SetClock(new DateTimeOffset(2026, 11, 29, 2, 0, 0, TimeSpan.Zero)), kin ?? NoOfficialKin.Instance);
    }

    public void UseKin(IOfficialKin kin) => Workflow = new ApplicationWorkflow(Clock, new AuditTrail(Clock), kin, EligibilityEngine.Shipped);

    /// <summary>A context scoped like a signed-in officer's request.</summary>
    public DoudiDb Db(Officer? officer = null)
    {
        var db = Location.Open();
        db.ScopePrefix = officer is null ? "" : Doudi.Kernel.RegionCode.Parse(officer.RegionCode).ScopePrefix;
        return db;
    }

    public async Task<Household> NewHouseholdAsync(string? extraMemberId = null, string extraRelation = "child", bool extraLeft = false)
    {
        await using var db = Db();
        return await ApplicationSamples.AddEligibleAsync(db, Township, "AP-" + ApplicationSamples.NextSerial(), extraMemberId: extraMemberId,
            extraRelation: extraRelation, extraLeft: extraLeft);
    }

    public static SubmitApplication Submission(Household h, string program = "dibao", DateOnly? on = null)
    {
        var current = h.Members.Where(m => m.IsCurrent).ToList();
        return new SubmitApplication(h.Id, program, null, null, current[0].Id, null, null, current.Select(m => m.Id).ToList(),
            Procedure.InForce(Today).RequiredDocuments(program).ToList(), on ?? Applied);
    }

    public async Task<Application> SubmitAsync(SubmitApplication submission, Officer? officer = null)
    {
        officer ??= Caseworker;
        await using var db = Db(officer);
        return await Workflow.SubmitAsync(db, submission, officer);
    }

    public async Task<Application> StepAsync(long id, TakeStep step, Officer officer)
    {
        await using var db = Db(officer);
        return await Workflow.TakeStepAsync(db, step, officer);
    }

    /// <summary>A new household's 低保 case brought to <paramref name="state"/> through the real steps.</summary>
    public async Task<(Household Household, long Id)> CaseInAsync(string state, string program = "dibao")
    {
        var h = await NewHouseholdAsync();
        var id = (await SubmitAsync(Submission(h, program))).Id;
        async Task Step(TakeStep s, Officer o) => await StepAsync(id, s, o);
        if (state == ApplicationStates.Submitted) return (h, id);
        if (state == ApplicationStates.Withdrawn)
        {
            await Step(new TakeStep(id, "withdraw", VerifiedOn, "申请人书面撤回"), Caseworker);
            return (h, id);
        }
        await Step(Verify(id, VerifiedOn), Caseworker);
        if (state == ApplicationStates.Verified) return (h, id);
        if (state == ApplicationStates.NotAccepted)
        {
            await Step(new TakeStep(id, "not_accept", AcceptedOn, "材料不全且逾期未补"), Caseworker);
            return (h, id);
        }
        await Step(new TakeStep(id, "accept", AcceptedOn), Caseworker);
        if (state == ApplicationStates.Accepted) return (h, id);
        await Step(Visit(id, VisitedOn), Visitor);
        if (state == ApplicationStates.Visited) return (h, id);
        await Step(new TakeStep(id, "review", ReviewedOn, "同意，予以公示"), Caseworker);
        if (state == ApplicationStates.InNotice) return (h, id);
        await Step(new TakeStep(id, "end_notice", NoticeOverOn), Caseworker);
        if (state == ApplicationStates.AwaitingDecision) return (h, id);
        if (state == ApplicationStates.Refused)
        {
            await Step(new TakeStep(id, "refuse", NoticeOverOn, "公示期间核实有未申报收入"), Approver);
            return (h, id);
        }
        await Step(new TakeStep(id, "approve", NoticeOverOn), Approver);
        if (state == ApplicationStates.Enrolled) return (h, id);
        if (state == ApplicationStates.Ended)
        {
            await Step(new TakeStep(id, "review_end", NoticeOverOn, "核查发现家庭收入已超过低保标准"), Approver);
            return (h, id);
        }
        throw new ArgumentException("no path to " + state, nameof(state));
    }

    public static TakeStep Verify(long id, DateOnly on) =>
        new(id, "verify", on) { VerificationPassed = true, VerificationNote = "民政、公安、不动产、车辆、银行数据核对无异常" };

    public static TakeStep Visit(long id, DateOnly on) =>
        new(id, "visit", on) { LivingAssessment = "居住简陋，家中无贵重物品，户主打零工", IrregularIncome = true, MembersAbleToWork = true };

    public async Task<(string State, int Version, int History, int Audit)> SnapshotAsync(long id)
    {
        await using var db = Db();
        var a = await db.Applications.AsNoTracking().SingleAsync(x => x.Id == id);
        return (a.State, a.Version, await db.ApplicationTransitions.CountAsync(t => t.ApplicationId == id), await db.AuditRecords.CountAsync());
    }
}
