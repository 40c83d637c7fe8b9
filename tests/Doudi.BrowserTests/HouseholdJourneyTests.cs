using System.Text.RegularExpressions;
using Doudi.TestData;
using Microsoft.Playwright;

namespace Doudi.BrowserTests;

/// <summary>Whole journeys of a county approver and a township caseworker through sign-in, search and a household file.</summary>
public partial class HouseholdJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [GeneratedRegex(@"^\d{6}\*{8}\d{3}[\dX]$")]
    private static partial Regex MaskedId();

    [Fact]
    public async Task A_wrong_password_keeps_the_user_on_the_sign_in_page()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/Households");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
        await page.GetByLabel("用户名").FillAsync("approver");
        await page.GetByLabel("密码").FillAsync("wrong-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("login-error")).ToHaveTextAsync("用户名或密码错误");
        await BrowserFixture.ScreenshotAsync(page, "sign-in-refused");
    }

    [Fact]
    public async Task A_county_approver_finds_households_by_name_and_opens_one_with_masked_ids()
    {
        var page = await fixture.SignedInPageAsync("approver");
        await Assertions.Expect(page.GetByTestId("me")).ToContainTextAsync("县级审批人");
        await page.GetByRole(AriaRole.Link, new() { Name = "家庭查询" }).ClickAsync();
        await page.GetByLabel("姓名或身份证号").FillAsync("张");
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();

        // 张敏 lives in another county: the approver of 440183 does not see her household.
        var rows = page.GetByTestId("results").Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("results")).Not.ToContainTextAsync("张敏");
        await Assertions.Expect(rows.First.Locator("td.id").First).ToHaveTextAsync("440183********0013");
        await BrowserFixture.ScreenshotAsync(page, "household-search");

        await page.GetByRole(AriaRole.Link, new() { Name = "ZC-0001" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("household-no")).ToHaveTextAsync("ZC-0001");
        await Assertions.Expect(page.GetByTestId("residence")).ToContainTextAsync("荔城街道");
        await Assertions.Expect(page.GetByTestId("program")).ToHaveTextAsync("低保");
        var ids = await page.GetByTestId("members").Locator("td.id").AllTextContentsAsync();
        Assert.Equal(3, ids.Count);
        Assert.All(ids, id => Assert.Matches(MaskedId(), id.Trim()));
        Assert.DoesNotContain(RegistrySamples.Id("44018319750312001"), await page.ContentAsync(), StringComparison.Ordinal);
        await Assertions.Expect(page.GetByTestId("members")).ToContainTextAsync("外地户籍");
        await Assertions.Expect(page.GetByTestId("enrolments")).ToContainTextAsync("困难残疾人生活补贴");
        await BrowserFixture.ScreenshotAsync(page, "household-detail");
    }

    [Fact]
    public async Task Another_countys_household_reached_by_url_gives_the_refusal_page()
    {
        var page = await fixture.SignedInPageAsync("caseworker");
        var response = await page.GotoAsync($"{fixture.BaseUrl}/Households/{fixture.Samples.OtherCounty.Id}");

        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("无权查看或不存在");
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("张敏");
        await BrowserFixture.ScreenshotAsync(page, "household-refused");
    }

    [Fact]
    public async Task An_auditor_sees_a_refused_attempt_and_a_verified_chain()
    {
        var intruder = await fixture.SignedInPageAsync("other-caseworker");
        await intruder.GotoAsync($"{fixture.BaseUrl}/Households/{fixture.Samples.Licheng.Id}");
        await Assertions.Expect(intruder.Locator("h1")).ToHaveTextAsync("无权查看或不存在");

        var page = await fixture.SignedInPageAsync("auditor");
        await page.GetByRole(AriaRole.Link, new() { Name = "审计日志" }).ClickAsync();
        await page.GetByLabel("操作人").FillAsync("other-caseworker");
        await page.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("chain")).ToContainTextAsync("校验通过");
        await Assertions.Expect(page.GetByTestId("audit")).ToContainTextAsync("查看家庭档案被拒绝");
        await Assertions.Expect(page.GetByTestId("audit")).ToContainTextAsync($"household:{fixture.Samples.Licheng.Id}");
        await BrowserFixture.ScreenshotAsync(page, "audit-log");
    }

    [Fact]
    public async Task The_navigation_offers_each_role_only_its_own_pages()
    {
        var admin = await fixture.SignedInPageAsync("admin");
        await Assertions.Expect(admin.Locator("header nav")).ToContainTextAsync("名册导入");
        await Assertions.Expect(admin.Locator("header nav")).Not.ToContainTextAsync("家庭查询");
        await Assertions.Expect(admin.Locator("header nav")).Not.ToContainTextAsync("审计日志");

        var caseworker = await fixture.SignedInPageAsync("caseworker");
        await Assertions.Expect(caseworker.Locator("header nav")).ToContainTextAsync("家庭查询");
        await Assertions.Expect(caseworker.Locator("header nav")).Not.ToContainTextAsync("审计日志");
        await BrowserFixture.ScreenshotAsync(caseworker, "caseworker-home");
    }
}
