using Doudi.Eligibility.Recompute;
using Doudi.Oversight;
using Doudi.Persistence;
using Doudi.Policy;
using Doudi.Registry;
using Doudi.TestData;
using Microsoft.EntityFrameworkCore;

namespace Doudi.IntegrationTests;

/// <summary>Whole-registry recomputation and policy simulation on a small registry with known outcomes.</summary>
public class RecomputeTests
{
    // 广州 (440118 增城区) 低保 standard in force on this date: 1238.00 yuan a month (2023-01-01 figure).
    private static readonly DateOnly On = new(2025, 7, 1);
    private static readonly string Edge = Roster.Id("19850301", 1);
    private static readonly string Dibao = Roster.Id("19850401", 2);
    private static readonly string Gap = Roster.Id("19850501", 3);

    /// <summary>
    /// H-EDGE: one adult with 1260.00 a month, enrolled as 低保边缘 (1238.00 ≤ 1260.00 &lt; 1.5 × 1238.00): unchanged.
    /// H-DIBAO: one adult with 300.00, paid 500.00 but owed 1238.00 − 300.00 = 938.00: amount changed.
    /// H-GAP: financial assets and one member's supporter never given: incomplete.
    /// </summary>
    private static async Task SeedAsync(DatabaseLocation location)
    {
        await using var db = location.Open();
        var edge = CompleteHouseholds.NewHousehold("H-EDGE", "dibao_edge", 0m);
        edge.Members.Add(CompleteHouseholds.Adult(Edge, new DateOnly(1985, 3, 1), 1260m));
        var dibao = CompleteHouseholds.NewHousehold("H-DIBAO", "dibao", 500m);
        dibao.Members.Add(CompleteHouseholds.Adult(Dibao, new DateOnly(1985, 4, 1), 300m));
        var gap = CompleteHouseholds.NewHousehold("H-GAP", "dibao", 900m);
        gap.FinancialAssets = null;
        var member = CompleteHouseholds.Adult(Gap, new DateOnly(1985, 5, 1), 100m);
        member.Supporter = null;
        gap.Members.Add(member);
        var left = CompleteHouseholds.Adult(Roster.Id("19600101", 4), new DateOnly(1960, 1, 1), 0m);
        left.Supporter = null;
        left.LeftOn = new DateOnly(2024, 6, 1);
        dibao.Members.Add(left); // a member who left: not part of the situation, so its missing fact does not matter
        db.Households.AddRange(edge, dibao, gap);
        await db.SaveChangesAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Recompute_stores_only_changed_decisions_lists_incomplete_households_and_a_second_run_stores_none(string kind)
    {
        var location = await TestDatabases.CreateAsync(kind);
        await SeedAsync(location);
        var recompute = new RecomputeRegistry(ParameterBook.Shipped, TimeProvider.System);

        RecomputeReport first;
        await using (var db = location.Open()) first = await recompute.RunAsync(db, On, "test");

        Assert.Equal(2, first.Total.Evaluated);
        Assert.Equal(1, first.Total.Incomplete);
        Assert.Equal(1, first.Total.Unchanged);
        Assert.Equal(1, first.Total.AmountChanged);
        var incomplete = Assert.Single(first.Incomplete);
        Assert.Equal("H-GAP", incomplete.HouseholdNo);
        Assert.Contains("financial_assets", incomplete.Missing);
        Assert.Contains(incomplete.Missing, m => m.EndsWith(": supporter", StringComparison.Ordinal) && m.Contains(Gap[^4..], StringComparison.Ordinal));

        await using (var db = location.Open())
        {
            var stored = await db.EligibilityDecisions.AsNoTracking().ToListAsync();
            var change = Assert.Single(stored);
            Assert.Equal("H-DIBAO", change.HouseholdNo);
            Assert.Equal(ChangeKinds.AmountChanged, change.ChangeKind);
            Assert.Equal(("dibao", 500.00m, "dibao", 938.00m), (change.OldProgram, change.OldAmount, change.NewProgram, change.NewAmount));
            Assert.Equal(first.RunId, change.RunId);
            Assert.Contains("\"dibao.standard\"", change.Trace, StringComparison.Ordinal);
            Assert.Contains("938.00", change.Trace, StringComparison.Ordinal);
            Assert.True(await db.AuditRecords.AnyAsync(a => a.Action == AuditActions.EligibilityRecompute && a.Subject == "run:" + first.RunId));
        }

        RecomputeReport second;
        await using (var db = location.Open()) second = await recompute.RunAsync(db, On, "test");
        Assert.Empty(second.Changes);
        Assert.Equal(1, second.AlreadyRecorded);
        await using (var db = location.Open()) Assert.Equal(1, await db.EligibilityDecisions.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Raising_the_dibao_standard_by_5_percent_makes_the_edge_household_newly_eligible(string kind)
    {
        var location = await TestDatabases.CreateAsync(kind);
        await SeedAsync(location);
        var set = ParameterOverride.TryParse("dibao.standard=+5%", out var error);
        Assert.Null(error);

        SimulationReport report;
        await using (var db = location.Open())
            report = await new SimulatePolicy(ParameterBook.Shipped, TimeProvider.System).RunAsync(db, On, [set!], "test");

        // 1238.00 × 1.05 = 1299.90. H-EDGE: 1299.90 − 1260.00 = 39.90 newly; H-DIBAO: 938.00 → 1299.90 − 300.00 = 999.90.
        Assert.Equal(2, report.Evaluated);
        Assert.Equal(1, report.Incomplete);
        var dibao = report.Lines[("440118", "dibao")];
        Assert.Equal((1L, 0L, 1L, 1L, 0L), (dibao.HouseholdsGaining, dibao.HouseholdsLosing, dibao.HouseholdsChanging, dibao.PeopleGaining, dibao.PeopleLosing));
        Assert.Equal(39.90m + 61.90m, dibao.MonthlyCostDifference);
        var edge = report.Lines[("440118", "dibao_edge")];
        Assert.Equal((0L, 1L, 1L), (edge.HouseholdsGaining, edge.HouseholdsLosing, edge.PeopleLosing));

        await using (var db = location.Open())
        {
            Assert.Equal(0, await db.EligibilityDecisions.CountAsync());
            Assert.True(await db.AuditRecords.AnyAsync(a => a.Action == AuditActions.PolicySimulate));
        }
    }

    [Theory]
    [InlineData("dibao.standard=+5%", true)]
    [InlineData("dibao.standard=1300", true)]
    [InlineData("dibao.standard=-5%", true)]
    [InlineData("dibao.nope=+5%", false)]
    [InlineData("dibao.standard=5", true)]
    [InlineData("dibao.standard=five", false)]
    [InlineData("dibao.standard", false)]
    [InlineData("assets.max_vehicles=+5%", false)]
    [InlineData("dibao.addon_rate=1.5", false)]
    public void Set_values_are_checked(string text, bool valid) =>
        Assert.Equal(valid, ParameterOverride.TryParse(text, out _) is not null);


    [Fact]
    public async Task Cli_exits_2_for_an_unknown_set_name_or_a_bad_date_and_0_for_a_run()
    {
        var db = Path.Combine(Directory.CreateTempSubdirectory("doudi-recompute-").FullName, "doudi.db");

        var unknown = await DoudiProcess.RunAsync("--database", db, "policy", "simulate", "--date", "2025-07-01", "--set", "dibao.nope=+5%");
        Assert.Equal(2, unknown.Code);
        Assert.Contains("unknown parameter 'dibao.nope'", unknown.Err, StringComparison.Ordinal);
        Assert.Contains("dibao.standard", unknown.Err, StringComparison.Ordinal);
        Assert.Equal("", unknown.Out);

        var badValue = await DoudiProcess.RunAsync("--database", db, "policy", "simulate", "--date", "2025-07-01", "--set", "dibao.standard=5x");
        Assert.Equal(2, badValue.Code);

        var badDate = await DoudiProcess.RunAsync("--database", db, "policy", "simulate", "--date", "2025-02-30", "--set", "dibao.standard=+5%");
        Assert.Equal(2, badDate.Code);
        Assert.Contains("--date", badDate.Err, StringComparison.Ordinal);

        var recomputeBadDate = await DoudiProcess.RunAsync("--database", db, "eligibility", "recompute", "--date", "01/07/2025");
        Assert.Equal(2, recomputeBadDate.Code);

        var noStandard = await DoudiProcess.RunAsync("--database", db, "eligibility", "recompute", "--date", "1990-01-01");
        Assert.Equal(0, noStandard.Code); // an empty registry: nothing to evaluate, whatever the date

        var ok = await DoudiProcess.RunAsync("--database", db, "eligibility", "recompute", "--date", "2025-07-01");
        Assert.Equal(0, ok.Code);
        Assert.StartsWith("date 2025-07-01: evaluated 0", ok.Out.TrimEnd().Split('\n')[^1], StringComparison.Ordinal);
    }
}
