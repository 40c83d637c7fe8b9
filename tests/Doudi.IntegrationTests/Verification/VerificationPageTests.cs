using System.Net;
using System.Text;
using Doudi.Feeds;
using Doudi.Imports;
using Doudi.Oversight;
using Doudi.TestData;
using Microsoft.EntityFrameworkCore;

namespace Doudi.IntegrationTests.Verification;

/// <summary>The 核对 page through the web host: region scope, masked ID numbers, audit records.</summary>
public class VerificationPageTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_caseworker_reads_the_report_of_a_household_in_scope_with_masked_ids_and_another_townships_caseworker_gets_404(string kind)
    {
        await using var web = await WebHarness.StartAsync(kind);
        var head = web.Samples.Licheng.Members.Single(m => m.Relation == "head");
        var dir = Directory.CreateTempSubdirectory("doudi-verify-page-");
        var file = Path.Combine(dir.FullName, "vehicle.csv");
        await File.WriteAllTextAsync(file, $"id_number,name,plate,vehicle_type,registered_on\n{head.IdNumber},{head.Name},粤A-WEB1,car,2023-01-01\n", new UTF8Encoding(false));
        var imported = await new ImportFeedHandler(web.Database, web.Feeds).Handle(new ImportFeed(FeedTypes.Get("vehicle"),
            ImportSource.FromFile(file), null, null, 0.05m, new DateOnly(2024, 6, 3), "test"), CancellationToken.None);
        Assert.IsType<ImportFeedOutcome.Imported>(imported);
        var url = $"/Verification/Household/{web.Samples.Licheng.Id}?date=2024-05-31";

        using var caseworker = web.NewClient();
        await WebHarness.SignInAsync(caseworker, "caseworker", web.PasswordOf("caseworker"));
        Assert.Contains($"href=\"/Verification/Household/{web.Samples.Licheng.Id}\"",
            await caseworker.GetStringAsync($"/Households/{web.Samples.Licheng.Id}"), StringComparison.Ordinal);
        var response = await caseworker.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("机动车 1 辆（粤A-WEB1） &gt; 上限 0 辆，不符合", html, StringComparison.Ordinal);
        Assert.Contains(head.IdNumber[..6] + "********" + head.IdNumber[14..], html, StringComparison.Ordinal);
        Assert.DoesNotContain(head.IdNumber, html, StringComparison.Ordinal);
        Assert.Contains("尚未导入“金融资产（省核对中心）”数据，无法核对", html, StringComparison.Ordinal);

        using var outsider = web.NewClient();
        await WebHarness.SignInAsync(outsider, "other-caseworker", web.PasswordOf("other-caseworker"));
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(url)).StatusCode);

        await using var db = web.Database.Open();
        var records = await db.AuditRecords.Where(r => r.Subject == AuditActions.HouseholdSubject(web.Samples.Licheng.Id)).ToListAsync();
        Assert.Contains(records, r => r.Action == AuditActions.HouseholdVerificationView && r.Actor == "caseworker" && r.Detail!.Contains("overall=Fail", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Action == AuditActions.HouseholdVerificationRefused && r.Actor == "other-caseworker" && r.Detail == "不在账号辖区内");
    }
}
