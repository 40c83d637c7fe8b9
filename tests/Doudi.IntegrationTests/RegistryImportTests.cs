using Doudi.Imports;
using Doudi.Persistence;
using Doudi.Registry.Import;
using Microsoft.EntityFrameworkCore;

namespace Doudi.IntegrationTests;

public class RegistryImportTests
{
    private static readonly string Zhang = Roster.Id("19700101", 1);
    private static readonly string Li = Roster.Id("19720202", 2, male: false);
    private static readonly string Xiao = Roster.Id("20100303", 3);
    private static readonly string Wang = Roster.Id("19500505", 4);

    private static string Dir() => Directory.CreateTempSubdirectory("doudi-roster-").FullName;

    private static async Task<RegistryImportReport> ImportAsync(DatabaseLocation location, Roster roster, string? dir = null, decimal maxRejected = 0.05m)
    {
        var (h, m) = roster.Write(dir ?? Dir());
        await using var db = location.Open();
        return await new RegistryImportHandler(db, TimeProvider.System).Handle(
            new RegistryImportRequest(ImportSource.FromFile(h), ImportSource.FromFile(m)) { MaxRejectedShare = maxRejected }, null, CancellationToken.None);
    }

    private static Roster TwoHouseholds() => new Roster()
        .Household("H1").Household("H2", program: "tekun", amount: "2027.00", township: "440118002")
        .Member("H1", Zhang, "张伟").Member("H1", Li, "李芳", "spouse", "disability_care_subsidy").Member("H1", Xiao, "张子", "child")
        .Member("H2", Wang, "王福");

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_valid_pair_is_imported_with_members_enrolments_and_townships(string kind)
    {
        var location = await TestDatabases.CreateAsync(kind);
        var report = await ImportAsync(location, TwoHouseholds());

        Assert.Equal(ImportOutcome.Imported, report.Outcome);
        Assert.Equal("read 2, accepted 2, rejected 0", report.Households!.CountsLine);
        Assert.Equal("read 4, accepted 4, rejected 0", report.Members!.CountsLine);
        await using var db = location.Open();
        var h1 = await db.Households.Include(h => h.Members).SingleAsync(h => h.HouseholdNo == "H1");
        Assert.Equal(1200.00m, h1.MonthlyAmount);
        Assert.Equal(["张伟", "李芳", "张子"], h1.Members.OrderBy(m => m.Id).Select(m => m.Name));
        var enrolments = await db.Enrolments.Where(e => e.HouseholdId == h1.Id).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["dibao", "disability_care_subsidy"], enrolments.Select(e => e.Program));
        Assert.Equal(new DateOnly(2024, 1, 1), enrolments[0].From);
        Assert.Equal(["440118001", "440118002"], await db.Regions.OrderBy(r => r.Code).Select(r => r.Code).ToListAsync());
        var batch = await db.ImportBatches.SingleAsync();
        Assert.Equal((6, 6, 0), (batch.Read, batch.Accepted, batch.Rejected));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Rejected_rows_are_reported_with_line_column_and_reason_and_the_rest_is_imported(string kind)
    {
        var location = await TestDatabases.CreateAsync(kind);
        var roster = new Roster();
        for (var i = 0; i < 60; i++) roster.Household($"H{i}").Member($"H{i}", Roster.Id("19800101", i), "成员" + i);
        roster.Household("BAD", township: "440106001");                // township not under the county
        roster.Member("NOPE", Roster.Id("19900101", 1), "无户");       // unknown household
        roster.Members[0] = roster.Members[0].Replace(",male,", ",female,", StringComparison.Ordinal); // sex disagrees with the ID
        var dir = Dir();

        var report = await ImportAsync(location, roster, dir);

        Assert.Equal(ImportOutcome.Imported, report.Outcome);
        Assert.Equal("read 61, accepted 60, rejected 1", report.Households!.CountsLine);
        Assert.Equal("read 61, accepted 59, rejected 2", report.Members!.CountsLine);
        var township = Assert.Single(report.Households.Errors);
        Assert.Equal((62, "township"), (township.Line, township.Column));
        Assert.Contains(report.Members.Errors, e => e.Line == 2 && e.Column == "sex" && e.Reason.Contains("身份证号", StringComparison.Ordinal));
        Assert.Contains(report.Members.Errors, e => e.Line == 62 && e.Column == "household_id" && e.Value == "NOPE");
        var errorFile = await File.ReadAllLinesAsync(Path.Combine(dir, "members.errors.csv"));
        Assert.Equal("line,column,value,reason", errorFile[0].TrimStart('\uFEFF'));
        Assert.StartsWith("2,sex,female,", errorFile[1], StringComparison.Ordinal);
        await using var db = location.Open();
        Assert.Equal(60, await db.Households.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task More_than_five_percent_rejected_rejects_the_whole_pair_and_writes_nothing(string kind)
    {
        var location = await TestDatabases.CreateAsync(kind);
        var roster = new Roster();
        for (var i = 0; i < 10; i++) roster.Household($"H{i}").Member($"H{i}", Roster.Id("19800101", i), "成员" + i);
        roster.Members[3] = roster.Members[3].Replace("成员3", "", StringComparison.Ordinal); // 1 of 10 members: 10% > 5%

        var report = await ImportAsync(location, roster);

        Assert.Equal(ImportOutcome.Rejected, report.Outcome);
        Assert.Contains("members.csv", report.RejectionReason, StringComparison.Ordinal);
        await using var db = location.Open();
        Assert.Equal(0, await db.Households.CountAsync());
        Assert.Equal(0, await db.ImportBatches.CountAsync());
        Assert.Equal(0, await db.Regions.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Importing_the_same_pair_again_changes_nothing_and_reports_the_earlier_batch(string kind)
    {
        var location = await TestDatabases.CreateAsync(kind);
        var dir = Dir();
        var first = await ImportAsync(location, TwoHouseholds(), dir);
        var second = await ImportAsync(location, TwoHouseholds(), dir);

        Assert.Equal(ImportOutcome.AlreadyImported, second.Outcome);
        Assert.Equal(first.BatchId, second.BatchId);
        Assert.Equal("read 4, accepted 4, rejected 0", second.Members!.CountsLine);
        await using var db = location.Open();
        Assert.Equal(1, await db.ImportBatches.CountAsync());
        Assert.Equal(4, await db.Members.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_member_missing_from_the_next_snapshot_leaves_and_keeps_the_history(string kind)
    {
        var location = await TestDatabases.CreateAsync(kind);
        await ImportAsync(location, TwoHouseholds());
        var next = new Roster().Household("H1")
            .Member("H1", Zhang, "张伟").Member("H1", Xiao, "张子", "child", "orphan_allowance");

        var report = await ImportAsync(location, next);

        Assert.Equal(1, report.Changes.MembersLeft);
        Assert.Equal(1, report.Changes.HouseholdsUpdated);
        await using var db = location.Open();
        var li = await db.Members.SingleAsync(m => m.IdNumber == Li);
        Assert.NotNull(li.LeftOn);
        var careSubsidy = await db.Enrolments.SingleAsync(e => e.MemberId == li.Id);
        Assert.NotNull(careSubsidy.To);
        var xiao = await db.Members.SingleAsync(m => m.IdNumber == Xiao);
        Assert.Equal("orphan_allowance", xiao.MemberPrograms);
        Assert.Null((await db.Enrolments.SingleAsync(e => e.MemberId == xiao.Id && e.Program == "orphan_allowance")).To);
        Assert.Null((await db.Members.SingleAsync(m => m.IdNumber == Wang)).LeftOn); // H2 was not listed: untouched
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_program_change_closes_the_old_period_the_day_before_and_none_closes_the_household(string kind)
    {
        var location = await TestDatabases.CreateAsync(kind);
        await ImportAsync(location, new Roster().Household("H1").Member("H1", Zhang, "张伟"));
        await ImportAsync(location, new Roster().Household("H1", program: "dibao_edge", amount: "0", since: "2025-06-01").Member("H1", Zhang, "张伟"));
        var report = await ImportAsync(location, new Roster().Household("H1", program: "none", amount: "0", since: "2025-10-01").Member("H1", Zhang, "张伟"));

        Assert.Equal(1, report.Changes.HouseholdsClosed);
        await using var db = location.Open();
        var periods = await db.Enrolments.Where(e => e.MemberId == null).OrderBy(e => e.From).ToListAsync();
        Assert.Equal(2, periods.Count);
        Assert.Equal(("dibao", new DateOnly(2024, 1, 1), (DateOnly?)new DateOnly(2025, 5, 31)), (periods[0].Program, periods[0].From, periods[0].To));
        Assert.Equal(("dibao_edge", new DateOnly(2025, 6, 1), (DateOnly?)new DateOnly(2025, 9, 30)), (periods[1].Program, periods[1].From, periods[1].To));
        Assert.Equal("none", (await db.Households.SingleAsync()).Program);
    }
}
