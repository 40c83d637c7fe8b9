using System.Net;
using Doudi.Access;
using Doudi.Access.SignIn;
using Doudi.Oversight;
using Doudi.TestData;
using Microsoft.EntityFrameworkCore;

namespace Doudi.IntegrationTests;

public class SignInTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_wrong_password_is_refused_and_a_right_one_accepted(string kind)
    {
        var location = await TestDatabases.CreateAsync(kind);
        await using var db = location.Open();
        var accounts = await StaffSeed.EnsureDemoAccountsAsync(db, DemoRegionCodes.Zengcheng);
        var approver = accounts.Single(a => a.UserName == "approver");

        Assert.Null(await SignInStaffHandler.HandleAsync(db, new SignInStaff("approver", approver.Password + "x")));
        Assert.Null(await SignInStaffHandler.HandleAsync(db, new SignInStaff("nobody", approver.Password!)));
        var account = await SignInStaffHandler.HandleAsync(db, new SignInStaff("approver", approver.Password!));
        Assert.Equal(("county_approver", "440183"), (account!.Role, account.RegionCode));
        Assert.DoesNotContain(approver.Password!, account.PasswordHash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in_even_with_its_password()
    {
        var location = await TestDatabases.CreateAsync("sqlite");
        IReadOnlyList<SeededAccount> accounts;
        await using (var seed = location.Open())
        {
            accounts = await StaffSeed.EnsureDemoAccountsAsync(seed, DemoRegionCodes.Zengcheng);
            await seed.StaffAccounts.Where(a => a.UserName == "city").ExecuteUpdateAsync(u => u.SetProperty(a => a.Disabled, true));
        }

        await using var db = location.Open();
        Assert.Null(await SignInStaffHandler.HandleAsync(db, new SignInStaff("city", accounts.Single(a => a.UserName == "city").Password!)));
    }

    [Fact]
    public async Task Seeding_twice_keeps_the_accounts_and_their_passwords()
    {
        var location = await TestDatabases.CreateAsync("sqlite");
        await using var db = location.Open();
        var first = await StaffSeed.EnsureDemoAccountsAsync(db, DemoRegionCodes.Zengcheng);
        var second = await StaffSeed.EnsureDemoAccountsAsync(db, DemoRegionCodes.Zengcheng);

        Assert.Equal(7, await db.StaffAccounts.CountAsync());
        Assert.Equal(1, await db.AuditRecords.CountAsync(r => r.Action == AuditActions.StaffAccountsCreated));
        Assert.All(second, a => Assert.Null(a.Password));
        Assert.Equal(Roles.All.Order(), first.Select(a => a.Role).Distinct().Order());
        Assert.NotNull(await SignInStaffHandler.HandleAsync(db, new SignInStaff("caseworker", first[0].Password!)));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task The_sign_in_page_refuses_a_wrong_password_and_records_the_attempt(string kind)
    {
        await using var web = await WebHarness.StartAsync(kind);
        using var client = web.NewClient();

        var refused = await WebHarness.SignInAsync(client, "approver", "not-the-password");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("用户名或密码错误", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Households")).StatusCode);

        var accepted = await WebHarness.SignInAsync(client, "approver", web.PasswordOf("approver"));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Households")).StatusCode);

        await using var db = web.Database.Open();
        Assert.Equal([AuditActions.StaffAccountsCreated, AuditActions.SignInRefused, AuditActions.SignIn],
            await db.AuditRecords.OrderBy(r => r.Id).Select(r => r.Action).ToListAsync());
    }

    [Fact]
    public async Task A_page_without_the_antiforgery_token_is_refused()
    {
        await using var web = await WebHarness.StartAsync("sqlite");
        using var client = web.NewClient();
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "approver",
            ["Password"] = web.PasswordOf("approver"),
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Another_countys_household_by_url_is_refused_and_audited(string kind)
    {
        await using var web = await WebHarness.StartAsync(kind);
        using var client = web.NewClient();
        await WebHarness.SignInAsync(client, "approver", web.PasswordOf("approver"));

        var own = await client.GetAsync($"/Households/{web.Samples.Licheng.Id}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var html = await own.Content.ReadAsStringAsync();
        Assert.Contains("440183********0013", html, StringComparison.Ordinal);
        Assert.DoesNotContain(RegistrySamples.Id("44018319750312001"), html, StringComparison.Ordinal);

        var other = await client.GetAsync($"/Households/{web.Samples.OtherCounty.Id}");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Contains("无权查看或不存在", await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var db = web.Database.Open();
        var records = await db.AuditRecords.Where(r => r.Action != AuditActions.SignIn && r.Action != AuditActions.StaffAccountsCreated).OrderBy(r => r.Id).ToListAsync();
        Assert.Equal(
            [(AuditActions.HouseholdView, $"household:{web.Samples.Licheng.Id}"), (AuditActions.HouseholdViewRefused, $"household:{web.Samples.OtherCounty.Id}")],
            records.Select(r => (r.Action, r.Subject)));
        Assert.All(records, r => Assert.Equal(("approver", "127.0.0.1"), (r.Actor, r.From)));
        Assert.Equal("不在账号辖区内", records[1].Detail);
        Assert.True((await AuditTrail.VerifyChainAsync(db)).Intact);
    }

    [Fact]
    public async Task Roles_without_the_right_get_the_refusal_page_for_the_audit_log()
    {
        await using var web = await WebHarness.StartAsync("sqlite");
        using var client = web.NewClient();
        await WebHarness.SignInAsync(client, "province", web.PasswordOf("province"));

        var response = await client.GetAsync("/Oversight/Audit");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("无权查看或不存在", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
