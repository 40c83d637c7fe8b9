using System.Globalization;
using Doudi.IntegrationTests.Monitoring;
using Doudi.Kernel;
using Doudi.Policy;
using Doudi.Verification;
using static Doudi.IntegrationTests.Monitoring.MonitoringWorld;

namespace Doudi.IntegrationTests.Verification;

/// <summary>
/// Household economic verification over feeds imported from small files: verdicts at the limits of the rules,
/// figures read from the shipped parameters (440106 广州, urban), never restated here.
/// </summary>
public class HouseholdVerificationTests
{
    private static readonly DateOnly On = new(2024, 5, 31);

    private static decimal Figure(ParameterDef p) => ParameterBook.Shipped.Get(p, "440106", Area.Urban, On)!.Value;

    private static string Yuan(decimal v) => v.ToString("0.00", CultureInfo.InvariantCulture);

    private static async Task<VerificationReport> Verify(MonitoringWorld w, long householdId, string scope = "")
    {
        await using var db = w.Location.Open();
        db.ScopePrefix = scope;
        var report = await new VerifyHouseholdHandler(w.Store, ParameterBook.Shipped, TimeProvider.System)
            .Handle(db, new VerifyHousehold(householdId, On), CancellationToken.None);
        return Assert.IsType<VerificationReport>(report);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Financial_assets_exactly_at_the_per_capita_limit_pass_and_one_fen_more_fails(string kind)
    {
        var w = await CreateAsync(kind);
        var atLimit = await w.Household("A", "dibao", new Person(Id(1), "甲"), new Person(Id(2), "乙"));
        var over = await w.Household("B", "dibao", new Person(Id(3), "丙"), new Person(Id(4), "丁"));
        var months = Figure(Parameters.FinancialMonths);
        var standard = Figure(Parameters.DibaoStandard);
        var limit = months * standard;
        await w.Feed("financial",
            [Id(1), "甲", "工商银行", "deposit", Yuan(limit - 100), "2024-05-20"],
            [Id(2), "乙", "工商银行", "fund", Yuan(limit + 100), "2024-05-20"],
            [Id(2), "乙", "招商银行", "deposit", "900000.00", "2024-06-01"],   // after the date: not known on it
            [Id(3), "丙", "建设银行", "deposit", Yuan(limit), "2024-05-20"],
            [Id(4), "丁", "建设银行", "insurance", Yuan(limit + 0.01m), "2024-05-20"]);

        var a = await Verify(w, atLimit);
        var pass = a.Test(AssetTests.Financial);
        Assert.Equal((Verdict.Pass, limit, limit), (pass.Verdict, pass.Value, pass.Limit));
        Assert.Contains($"≤ 上限 {Yuan(limit)} 元（{months.ToString("0.##", CultureInfo.InvariantCulture)} 个月 × 低保标准 {Yuan(standard)} 元；全户合计上限 {Yuan(2 * limit)} 元），符合", pass.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(a.Members.Single(m => m.IdNumber == Id(2)).Findings, f => f.Text.Contains("招商银行", StringComparison.Ordinal));

        var b = await Verify(w, over);
        var fail = b.Test(AssetTests.Financial);
        Assert.Equal(Verdict.Fail, fail.Verdict);
        Assert.Equal(limit + 0.005m, fail.Value);
        Assert.Contains($"人均金融资产 {Yuan(Money.RoundToFen(limit + 0.005m))} 元（2 笔合计 {Yuan(2 * limit + 0.01m)} 元 ÷ 2 人） > 上限", fail.Reason, StringComparison.Ordinal);
        Assert.Equal(Verdict.Fail, b.Overall);
        Assert.Contains(b.Figures, f => f.Name == Parameters.FinancialMonths.Name && f.Value == months);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Property_vehicle_and_business_limits_count_what_the_rules_count_and_an_unimported_feed_cannot_be_checked(string kind)
    {
        var w = await CreateAsync(kind);
        var within = await w.Household("C", "dibao", new Person(Id(5), "戊"), new Person(Id(6), "己"));
        var beyond = await w.Household("D", "dibao", new Person(Id(7), "庚"), new Person(Id(8), "辛"));
        await w.Feed("property",
            // One certificate held jointly by two members is one home.
            [Id(5), "戊", "residential", "粤房-1", "2015-01-01", ""],
            [Id(6), "己", "residential", "粤房-1", "2015-01-01", ""],
            [Id(6), "己", "residential", "粤房-2", "2010-01-01", "2024-05-31"],    // deregistered on the date: gone
            [Id(7), "庚", "residential", "粤房-3", "2015-01-01", ""],
            [Id(8), "辛", "residential", "粤房-4", "2016-01-01", ""],
            [Id(8), "辛", "non_residential", "粤房-5", "2024-05-31", ""]);
        await w.Feed("vehicle",
            [Id(5), "戊", "粤A-E1", "e_bike", "2020-01-01"],
            [Id(6), "己", "粤A-M1", "disabled_mobility", "2020-01-01"],
            [Id(7), "庚", "粤A-C1", "car", "2024-05-31"],
            [Id(8), "辛", "粤A-C2", "car", "2024-06-01"]);                       // registered after the date
        await w.Feed("business",
            [Id(5), "戊", "戊记小店", "1000.00", "2019-01-01", "cancelled"],
            [Id(7), "庚", "庚记商行", "50000.00", "2019-01-01", "active"]);
        await w.Feed("employment",
            [Id(5), "戊 ", "2023-06", "3000.00"],
            [Id(5), "戊", "2023-05", "3000.00"]);                               // before the 12-month window

        var c = await Verify(w, within);
        Assert.Equal(
            [(AssetTests.Residential, Verdict.Pass, 1m), (AssetTests.NonResidential, Verdict.Pass, 0m), (AssetTests.Vehicles, Verdict.Pass, 0m), (AssetTests.Businesses, Verdict.Pass, 0m)],
            c.Tests.Where(t => t.Code != AssetTests.Financial).Select(t => (t.Code, t.Verdict, t.Value!.Value)).ToList());
        var financial = c.Test(AssetTests.Financial);
        Assert.Equal(Verdict.NoData, financial.Verdict);
        Assert.Contains("尚未导入", financial.Reason, StringComparison.Ordinal);
        Assert.Equal(Verdict.NoData, c.Overall);
        var wu = c.Members.Single(m => m.IdNumber == Id(5)).Findings;
        Assert.Equal(["2023-06 社会保险缴费基数 3000.00 元"], wu.Where(f => f.Feed == "employment").Select(f => f.Text));
        Assert.Contains(wu, f => f.Feed == "vehicle" && !f.Counted && f.Note!.Contains("电动自行车", StringComparison.Ordinal));
        Assert.Contains(c.Members.Single(m => m.IdNumber == Id(6)).Findings, f => f.Key == "property:粤房-2+" + Id(6) && !f.Counted);

        var d = await Verify(w, beyond);
        var byCode = d.Tests.ToDictionary(t => t.Code);
        Assert.Equal((Verdict.Fail, 2m, Figure(Parameters.MaxResidential)), (byCode[AssetTests.Residential].Verdict, byCode[AssetTests.Residential].Value, byCode[AssetTests.Residential].Limit));
        Assert.Contains("住宅 2 套（粤房-3、粤房-4） > 上限 1 套，不符合", byCode[AssetTests.Residential].Reason, StringComparison.Ordinal);
        Assert.Equal((Verdict.Fail, 1m), (byCode[AssetTests.NonResidential].Verdict, byCode[AssetTests.NonResidential].Value));
        Assert.Equal((Verdict.Fail, 1m), (byCode[AssetTests.Vehicles].Verdict, byCode[AssetTests.Vehicles].Value));
        Assert.Contains("粤A-C1", byCode[AssetTests.Vehicles].Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("粤A-C2", byCode[AssetTests.Vehicles].Reason, StringComparison.Ordinal);
        Assert.Equal((Verdict.Fail, 1m), (byCode[AssetTests.Businesses].Verdict, byCode[AssetTests.Businesses].Value));
    }

    [Fact]
    public async Task The_report_survives_a_json_round_trip_and_a_household_outside_the_scope_is_not_found()
    {
        var w = await CreateAsync();
        var id = await w.Household("E", "dibao", new Person(Id(9), "壬"));
        await w.Feed("vehicle", [Id(9), "壬 某", "粤A-X1", "truck", "2020-01-01"]);
        var report = await Verify(w, id);

        var json = report.ToJson();
        Assert.Contains("\"verdict\":\"fail\"", json, StringComparison.Ordinal);
        var back = VerificationReport.FromJson(json);
        Assert.Equal(json, back.ToJson());
        Assert.Equal((Verdict.Fail, report.Date, Id(9)), (back.Test(AssetTests.Vehicles).Verdict, back.Date, back.Members[0].IdNumber));
        Assert.True(back.Members[0].Findings.Single().NameDiffers);

        await using var db = w.Location.Open();
        db.ScopePrefix = "440183";
        Assert.Null(await new VerifyHouseholdHandler(w.Store, ParameterBook.Shipped, TimeProvider.System)
            .Handle(db, new VerifyHousehold(id, On), CancellationToken.None));
    }
}

/// <summary>Verifications read the feed store while an import writes it: nobody is locked out.</summary>
public class VerificationConcurrencyTests
{
    [Fact]
    public async Task Verifications_running_beside_an_import_all_finish_and_the_import_commits()
    {
        var w = await CreateAsync();
        var id = await w.Household("F", "dibao", new Person(Id(11), "甲"));
        await w.Feed("vehicle", [Id(11), "甲", "粤A-F1", "car", "2020-01-01"]);
        var rows = Enumerable.Range(100, 3000).Select(n => new[] { Id(n % 999), "某", "S" + n, "2024-01-01", "100.00", "50.00" });
        var import = w.Import("medical", Csv(Doudi.Feeds.FeedTypes.Get("medical"), rows));
        var reads = Enumerable.Range(0, 8).Select(async _ =>
        {
            await using var db = w.Location.Open();
            var report = await new VerifyHouseholdHandler(w.Store, ParameterBook.Shipped, TimeProvider.System)
                .Handle(db, new VerifyHousehold(id, new DateOnly(2024, 5, 31)), CancellationToken.None);
            return report!.Test(AssetTests.Vehicles).Verdict;
        }).ToList();
        Assert.All(await Task.WhenAll(reads), v => Assert.Equal(Verdict.Fail, v));
        var imported = Assert.IsType<Doudi.Feeds.ImportFeedOutcome.Imported>(await import);
        Assert.Equal(3000, imported.Accepted);
    }
}
