using System.Text;
using Doudi.Access;
using Doudi.Applications;
using Doudi.Feeds;
using Doudi.Imports;
using Doudi.TestData;
using Microsoft.EntityFrameworkCore;
using static Doudi.IntegrationTests.Applications.ApplicationWorld;

namespace Doudi.IntegrationTests.Applications;

/// <summary>Separation of duties and favouritism: visitor vs approver, own and close relatives' cases, 近亲属备案, delegation.</summary>
public class SeparationTests
{
    private static readonly string OfficerId = RegistrySamples.Id("44018319850101017");

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task The_home_visitor_cannot_approve_even_where_townships_decide_and_another_caseworker_can(string kind)
    {
        var world = await CreateAsync(kind);
        await using (var db = world.Db(Approver)) await world.Workflow.SetDelegationAsync(db, County, "dibao", true, Approver);
        var (_, id) = await world.CaseInAsync(ApplicationStates.AwaitingDecision);

        var county = await Assert.ThrowsAsync<CaseRefusedException>(() => world.StepAsync(id, new TakeStep(id, "approve", Today), Approver));
        Assert.Equal(RefusalKind.WrongRole, county.Kind);
        Assert.Contains("县级已授权乡镇审批", county.Message, StringComparison.Ordinal);
        var visitor = await Assert.ThrowsAsync<CaseRefusedException>(() => world.StepAsync(id, new TakeStep(id, "approve", Today), Visitor));
        Assert.Equal(RefusalKind.Separation, visitor.Kind);
        Assert.Equal("审批人：入户调查人员不能审批同一申请（审核与审批分离）。", visitor.Message);

        var approved = await world.StepAsync(id, new TakeStep(id, "approve", Today), Caseworker);
        Assert.Equal(ApplicationStates.Enrolled, approved.State);
        Assert.Equal("cw", approved.DecidedBy);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Nobody_acts_on_their_own_households_case_or_a_former_members_close_relatives(string kind)
    {
        var world = await CreateAsync(kind);
        var related = Caseworker with { UserName = "related", IdNumber = OfficerId };

        var own = await world.NewHouseholdAsync(extraMemberId: OfficerId);
        var refused = await Assert.ThrowsAsync<CaseRefusedException>(() => world.SubmitAsync(Submission(own), related));
        Assert.Equal(RefusalKind.Separation, refused.Kind);
        Assert.Equal("回避：经办人本人是该户家庭成员，不能办理本申请的任何步骤（近亲属回避）。", refused.Message);

        // A son who moved out is still the head's child (近亲属): he may not handle his parents' case at any step.
        var parents = await world.NewHouseholdAsync(extraMemberId: OfficerId, extraRelation: "child", extraLeft: true);
        var id = (await world.SubmitAsync(Submission(parents))).Id;
        var before = await world.SnapshotAsync(id);
        var step = await Assert.ThrowsAsync<CaseRefusedException>(() => world.StepAsync(id, Verify(id, Today), related));
        Assert.Equal("回避：经办人是该户户主的子女（户籍登记的原家庭成员），不能办理本申请的任何步骤（近亲属回避）。", step.Message);
        Assert.Equal(before, await world.SnapshotAsync(id));

        // A relation outside 近亲属 (a former lodger) is no bar.
        var lodger = await world.NewHouseholdAsync(extraMemberId: OfficerId, extraRelation: "other", extraLeft: true);
        Assert.Equal(ApplicationStates.Submitted, (await world.SubmitAsync(Submission(lodger), related)).State);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task An_officials_relative_is_flagged_needs_visit_photos_and_the_official_may_not_handle_it(string kind)
    {
        var world = await CreateAsync(kind);
        var h = await world.NewHouseholdAsync();
        var head = h.Members[0];
        // The official_kin feed through the real import and feed store.
        var dir = Directory.CreateTempSubdirectory("doudi-kin-");
        var store = new FeedStore(Path.Combine(dir.FullName, "feeds.duckdb"), "256MB");
        var csv = new StringBuilder("id_number,name,official_id_number,official_name,position,region,relation\n")
            .Append(head.IdNumber).Append(',').Append(head.Name).Append(',').Append(OfficerId).Append(",陈志强,镇民政办主任,440183,sibling\n").ToString();
        var path = Path.Combine(dir.FullName, "official_kin.csv");
        await File.WriteAllTextAsync(path, csv, new UTF8Encoding(false));
        var imported = await new ImportFeedHandler(world.Location, store).Handle(new ImportFeed(FeedTypes.Find("official_kin")!, ImportSource.FromFile(path),
            null, null, 0m, Today, "test"), CancellationToken.None);
        Assert.IsType<ImportFeedOutcome.Imported>(imported);
        world.UseKin(new FeedOfficialKin(store));

        var official = Caseworker with { UserName = "official", IdNumber = OfficerId };
        var refused = await Assert.ThrowsAsync<CaseRefusedException>(() => world.SubmitAsync(Submission(h), official));
        Assert.Equal($"回避：申请家庭成员{head.Name}是经办人的兄弟姐妹（近亲属备案），不能办理本申请的任何步骤（近亲属回避）。", refused.Message);

        var application = await world.SubmitAsync(Submission(h));
        Assert.True(application.OfficialKin);
        Assert.Equal($"{head.Name}是陈志强（镇民政办主任）的兄弟姐妹", application.OfficialKinNote);
        var id = application.Id;
        await world.StepAsync(id, Verify(id, VerifiedOn), Caseworker);
        await world.StepAsync(id, new TakeStep(id, "accept", AcceptedOn), Caseworker);
        var noPhoto = await Assert.ThrowsAsync<CaseRefusedException>(() => world.StepAsync(id, Visit(id, VisitedOn), Visitor));
        Assert.StartsWith("入户调查照片：", noPhoto.Message, StringComparison.Ordinal);

        await using (var db = world.Db(Visitor))
            await world.Workflow.UploadAsync(db, world.Files, new UploadDocument(id, "visit_photo", "家中.png", Png()), Visitor);
        Assert.Equal(ApplicationStates.Visited, (await world.StepAsync(id, Visit(id, VisitedOn), Visitor)).State);

        await using var check = world.Db(Approver);
        Assert.Equal([id], await check.Applications.Where(a => a.OfficialKin).Select(a => a.Id).ToListAsync());
    }

    /// <summary>The smallest PNG: signature and IHDR, enough for a content check.</summary>
    public static byte[] Png() =>
    [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
        0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53, 0xDE,
    ];

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Another_countys_approver_does_not_find_the_case(string kind)
    {
        var world = await CreateAsync(kind);
        var (_, id) = await world.CaseInAsync(ApplicationStates.AwaitingDecision);
        var stranger = new Officer("stranger", Roles.CountyApprover, "440106", null);
        var refused = await Assert.ThrowsAsync<CaseRefusedException>(() => world.StepAsync(id, new TakeStep(id, "approve", Today), stranger));
        Assert.Equal(RefusalKind.NotFound, refused.Kind);
    }
}
