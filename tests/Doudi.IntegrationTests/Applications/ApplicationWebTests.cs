using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Doudi.Access;
using Doudi.Oversight;
using Doudi.TestData;
using Microsoft.EntityFrameworkCore;

namespace Doudi.IntegrationTests.Applications;

/// <summary>The pages refuse bad input with the Chinese message and status, store nothing, and keep other roles out.</summary>
public sealed partial class ApplicationWebTests
{
    private const string Password = "Web-Test-Pass-2026";

    private static async Task<(WebHarness Web, long HouseholdId)> StartAsync(string kind)
    {
        var web = await WebHarness.StartAsync(kind);
        await using var db = web.Database.Open();
        foreach (var (user, role, region) in new[] { ("zc-cw", Roles.Caseworker, ApplicationWorld.Township), ("gz-city", Roles.CityStaff, "440100") })
        {
            var account = new StaffAccount { UserName = user, DisplayName = user, Role = role, RegionCode = region, PasswordHash = "" };
            account.PasswordHash = StaffPasswords.Hash(account, Password);
            db.StaffAccounts.Add(account);
        }
        await db.SaveChangesAsync();
        var h = await ApplicationSamples.AddEligibleAsync(db, ApplicationWorld.Township, "WEB-0001");
        return (web, h.Id);
    }

    private static async Task<HttpClient> SignedInAsync(WebHarness web, string user)
    {
        var client = web.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await WebHarness.SignInAsync(client, user, Password)).StatusCode);
        return client;
    }

    private static async Task<string> TokenAsync(HttpClient client, string url) =>
        Token().Match(await client.GetStringAsync(url)).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task An_application_without_consent_and_a_file_of_the_wrong_type_are_refused_in_chinese_and_nothing_is_stored(string kind)
    {
        var (web, householdId) = await StartAsync(kind);
        await using var _ = web;
        var client = await SignedInAsync(web, "zc-cw");
        var newUrl = $"/Applications/New?householdId={householdId}&program=dibao";
        int[] members;
        await using (var db = web.Database.Open())
            members = (await db.Members.Where(m => m.HouseholdId == householdId).OrderBy(m => m.Id).Select(m => m.Id).ToListAsync()).Select(i => (int)i).ToArray();

        var form = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", await TokenAsync(client, newUrl)),
            new("HouseholdId", householdId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Program", "dibao"),
            new("ApplicantMemberId", members[0].ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Consent", members[0].ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("AppliedOn", "2026-11-02"),
        };
        var refused = await client.PostAsync(newUrl, new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("授权：家庭经济状况核对须由全体家庭成员签字授权，缺少 刘建国 的授权。", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        form.Add(new("Consent", members[1].ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var created = await client.PostAsync(newUrl, new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var caseUrl = created.Headers.Location!.OriginalString;

        using var upload = new MultipartFormDataContent
        {
            { new StringContent(await TokenAsync(client, caseUrl)), "__RequestVerificationToken" },
            { new StringContent("income_proof"), "kind" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("<script>alert(1)</script>")), "file", "收入证明.pdf" },
        };
        var badFile = await client.PostAsync(caseUrl + "?handler=Upload", upload);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badFile.StatusCode);
        Assert.Contains("文件：内容不是 PDF、JPEG 或 PNG（按文件内容判断，与文件名无关）。", await badFile.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (var db = web.Database.Open())
        {
            Assert.Equal(1, await db.Applications.CountAsync());
            Assert.Equal(0, await db.ApplicationDocuments.CountAsync());
        }

        // City staff read cases but may not take a step: the role is refused and nothing moves.
        var city = await SignedInAsync(web, "gz-city");
        Assert.Equal(HttpStatusCode.OK, (await city.GetAsync(caseUrl)).StatusCode);
        var step = await city.PostAsync(caseUrl + "?handler=Step", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await TokenAsync(city, caseUrl),
            ["action"] = "withdraw",
            ["on"] = "2026-11-03",
            ["reason"] = "测试",
        }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, step.StatusCode);
        Assert.Contains("角色：“撤回申请”只能由本乡镇（街道）经办人办理，当前账号为市级民政工作人员。", await step.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (var db = web.Database.Open())
        {
            Assert.Equal("submitted", (await db.Applications.SingleAsync()).State);
            Assert.True(await db.AuditRecords.AnyAsync(r => r.Action == AuditActions.ApplicationView && r.Actor == "gz-city"));
        }
    }
}
