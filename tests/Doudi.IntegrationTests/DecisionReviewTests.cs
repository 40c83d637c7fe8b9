using System.Net;
using Doudi.Eligibility.Recompute;
using Doudi.Oversight;
using Doudi.TestData;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Doudi.IntegrationTests;

/// <summary>核算变化: stored recompute decisions, scoped by region through their household, exported with IDs masked.</summary>
public class DecisionReviewTests
{
    private const string RunId = "11111111-2222-3333-4444-555555555555";
    private static readonly string Child = RegistrySamples.Id("44018320100115003");
    private static readonly string ChildMasked = Child[..6] + "********" + Child[14..];

    private static string Trace(string member) => $$"""
        {"date":"2025-07-01","county":"440183","standard":1238.00,"per_capita_income":300.00,"determinations":[
          {"program":"disability_living_subsidy","eligible":false,"members":[],"monthly_amount":0.00,"per_member":{},
           "reasons":["{{member}} 不再符合困难残疾人生活补贴：家庭不再享受低保"],
           "parameters":[{"name":"disability.living_subsidy","value":200.00,"effective_from":"2024-01-01","reference":"粤残联〔2024〕1号","status":"confirmed"}]}]}
        """;

    /// <summary>A decision of the run <see cref="RunId"/> about <paramref name="h"/>.</summary>
    private static EligibilityDecision New(Doudi.Registry.Household h, string kind, string oldProgram, decimal oldAmount, string newProgram, decimal newAmount,
        string oldMembers = "", string newMembers = "") => new()
        {
            RunId = RunId,
            HouseholdId = h.Id,
            HouseholdNo = h.HouseholdNo,
            CountyCode = h.CountyCode,
            Date = new DateOnly(2025, 7, 1),
            ChangeKind = kind,
            OldProgram = oldProgram,
            OldAmount = oldAmount,
            NewProgram = newProgram,
            NewAmount = newAmount,
            OldMemberPrograms = oldMembers,
            NewMemberPrograms = newMembers,
            Trace = Trace(oldMembers.Length > 0 ? Child : "户主"),
            CreatedAt = DateTimeOffset.UtcNow,
        };

    private static async Task<(long Own, long Other)> SeedDecisionsAsync(WebHarness web)
    {
        await using var db = web.Database.Open();
        var own = New(web.Samples.Licheng, ChangeKinds.NoLongerEligible, "dibao", 1796m, "none", 0m, Child + ":disability_living_subsidy", "");
        var second = New(web.Samples.Zengjiang, ChangeKinds.NewlyEligible, "none", 0m, "dibao", 938m);
        var other = New(web.Samples.OtherCounty, ChangeKinds.AmountChanged, "dibao", 1196m, "dibao", 1238m);
        db.EligibilityDecisions.AddRange(own, second, other);
        await db.SaveChangesAsync();
        return (own.Id, other.Id);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task The_county_table_counts_each_kind_including_no_longer_differs_with_a_total_and_the_kind_filter_lists_them(string kind)
    {
        await using var web = await WebHarness.StartAsync(kind);
        await using (var db = web.Database.Open())
        {
            db.EligibilityDecisions.AddRange(
                New(web.Samples.Licheng, ChangeKinds.NoLongerDiffers, "dibao", 1796m, "dibao", 1796m),
                New(web.Samples.Zengjiang, ChangeKinds.NewlyEligible, "none", 0m, "dibao", 938m),
                New(web.Samples.OtherCounty, ChangeKinds.NoLongerDiffers, "none", 0m, "none", 0m));
            await db.SaveChangesAsync();
        }

        using var province = web.NewClient();
        await WebHarness.SignInAsync(province, "province", web.PasswordOf("province"));
        var page = await province.GetStringAsync($"/Eligibility/Changes?run={RunId}");
        var table = page[page.IndexOf("data-testid=\"county-counts\"", StringComparison.Ordinal)..];
        Assert.Equal(["县（市、区）", "新增符合", "不再符合", "项目变化", "金额变化", "成员项目变化", "已无差异", "每月金额差（元）"],
            System.Text.RegularExpressions.Regex.Matches(table[..table.IndexOf("</thead>", StringComparison.Ordinal)], "<th>(.*?)</th>").Select(m => m.Groups[1].Value));
        Assert.Equal(["1", "0", "0", "0", "0", "1", "+938.00"], Cells(page, "county-440183").Skip(1));
        Assert.Equal(["0", "0", "0", "0", "0", "1", "0.00"], Cells(page, "county-440106").Skip(1));
        Assert.Equal(["合计", "1", "0", "0", "0", "0", "2", "+938.00"], Cells(page, "county-total"));

        var differs = await province.GetStringAsync($"/Eligibility/Changes?run={RunId}&kind={ChangeKinds.NoLongerDiffers}");
        Assert.Contains("共 2 户", differs, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"change-ZC-0001\"", differs, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"change-TH-0001\"", differs, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"change-ZC-0002\"", differs, StringComparison.Ordinal);

        // One county: its row is the total, no 合计 row.
        using var approver = web.NewClient();
        await WebHarness.SignInAsync(approver, "approver", web.PasswordOf("approver"));
        var county = await approver.GetStringAsync($"/Eligibility/Changes?run={RunId}");
        Assert.Equal(["1", "0", "0", "0", "0", "1", "+938.00"], Cells(county, "county-440183").Skip(1));
        Assert.DoesNotContain("county-total", county, StringComparison.Ordinal);

        static List<string> Cells(string html, string testId)
        {
            var row = System.Text.RegularExpressions.Regex.Match(html, $"<tr data-testid=\"{testId}\">(.*?)</tr>", System.Text.RegularExpressions.RegexOptions.Singleline);
            Assert.True(row.Success, testId);
            return [.. System.Text.RegularExpressions.Regex.Matches(row.Groups[1].Value, "<td[^>]*>(.*?)</td>", System.Text.RegularExpressions.RegexOptions.Singleline)
                .Select(m => WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(m.Groups[1].Value, "<[^>]+>", "")).Trim())];
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_caseworker_sees_its_townships_changes_with_masked_ids_and_their_trace_and_exports_them_masked(string kind)
    {
        await using var web = await WebHarness.StartAsync(kind);
        var (own, other) = await SeedDecisionsAsync(web);

        using var caseworker = web.NewClient();
        await WebHarness.SignInAsync(caseworker, "caseworker", web.PasswordOf("caseworker"));
        var page = await caseworker.GetStringAsync("/Eligibility/Changes");
        Assert.Contains("data-testid=\"change-ZC-0001\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("ZC-0002", page, StringComparison.Ordinal);
        Assert.DoesNotContain("TH-0001", page, StringComparison.Ordinal);
        Assert.Contains("原 " + ChildMasked + "：困难残疾人生活补贴", page, StringComparison.Ordinal);
        Assert.DoesNotContain(Child, page, StringComparison.Ordinal);
        Assert.Contains("-1796.00", page, StringComparison.Ordinal);

        var trace = await caseworker.GetStringAsync($"/Eligibility/Changes?decision={own}");
        Assert.Contains(ChildMasked + " 不再符合困难残疾人生活补贴", trace, StringComparison.Ordinal);
        Assert.Contains("disability.living_subsidy = 200.00（自 2024-01-01，粤残联〔2024〕1号）", trace, StringComparison.Ordinal);
        Assert.DoesNotContain(Child, trace, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await caseworker.GetAsync($"/Eligibility/Changes?decision={other}")).StatusCode);

        var export = await caseworker.GetAsync($"/Eligibility/Changes?handler=Export&run={RunId}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using (var xlsx = new MemoryStream(await export.Content.ReadAsByteArrayAsync()))
        {
            var rows = xlsx.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
            var row = Assert.Single(rows);
            Assert.Equal("ZC-0001", row["户编号"]);
            Assert.Equal("不再符合", row["变化类型"]);
            Assert.Equal(ChildMasked + ":disability_living_subsidy", row["原成员项目"]);
        }

        using var approver = web.NewClient();
        await WebHarness.SignInAsync(approver, "approver", web.PasswordOf("approver"));
        var county = await approver.GetStringAsync($"/Eligibility/Changes?run={RunId}");
        Assert.Contains("data-testid=\"change-ZC-0001\"", county, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"change-ZC-0002\"", county, StringComparison.Ordinal);
        Assert.DoesNotContain("TH-0001", county, StringComparison.Ordinal);

        using var admin = web.NewClient();
        await WebHarness.SignInAsync(admin, "admin", web.PasswordOf("admin"));
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/Eligibility/Changes")).StatusCode);

        await using var db = web.Database.Open();
        var exported = await db.AuditRecords.AsNoTracking().SingleAsync(r => r.Action == AuditActions.DecisionsExport);
        Assert.Equal(("caseworker", "run:" + RunId), (exported.Actor, exported.Subject));
        Assert.Contains("1 changes; ID numbers masked", exported.Detail, StringComparison.Ordinal);
        Assert.True(await db.AuditRecords.AnyAsync(r => r.Action == AuditActions.DecisionsView && r.Subject == "decision:" + own));
    }

    [Fact]
    public async Task Cli_recompute_writes_the_export_masked_by_default_says_so_and_refuses_full_ids_without_out()
    {
        var location = await TestDatabases.CreateAsync("sqlite");
        await using (var db = location.Open()) await CompleteHouseholds.SeedAsync(db);
        var dir = Directory.CreateTempSubdirectory("doudi-decisions-");
        var xlsx = Path.Combine(dir.FullName, "changes.xlsx");

        var refused = await DoudiProcess.RunAsync("--database", location.SqlitePath!, "eligibility", "recompute", "--date", "2025-07-01", "--full-ids");
        Assert.Equal(2, refused.Code);
        Assert.Contains("--full-ids applies to --out only", refused.Err, StringComparison.Ordinal);

        var run = await DoudiProcess.RunAsync("--database", location.SqlitePath!, "eligibility", "recompute", "--date", "2025-07-01", "--out", xlsx);
        Assert.Equal(0, run.Code);
        Assert.Contains($"wrote 1 changes to {xlsx} (ID numbers masked)", run.Out, StringComparison.Ordinal);
        var row = Assert.Single(MiniExcel.Query(xlsx, useHeaderRow: true).Cast<IDictionary<string, object>>());
        Assert.Equal(("H-DIBAO", "金额变化"), ((string)row["户编号"], (string)row["变化类型"]));
        await using (var db = location.Open())
        {
            var record = await db.AuditRecords.AsNoTracking().SingleAsync(r => r.Action == AuditActions.DecisionsExport);
            Assert.EndsWith("; ID numbers masked", record.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Masking_leaves_the_region_and_the_last_four_characters_of_every_id_number_in_a_text()
    {
        var x = RegistrySamples.Id("44010619800505006");
        Assert.Equal($"{ChildMasked}:tekun|{x[..6]}********{x[14..]}:orphan_allowance", DecisionExport.MaskIds($"{Child}:tekun|{x}:orphan_allowance"));
        Assert.Equal("户编号 ZC-0001 金额 1796.00", DecisionExport.MaskIds("户编号 ZC-0001 金额 1796.00"));
    }
}
