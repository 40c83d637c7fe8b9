using System.Globalization;
using Doudi.Access;
using Doudi.Applications;
using Doudi.Registry;
using Doudi.TestData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Doudi.BrowserTests;

/// <summary>
/// From a resident's application to an enrolled household, in the browser: a township caseworker applies for a
/// household, records the verification, accepts, visits, reviews; the notice runs out (the steps are recorded on
/// the days they happened, weeks back, as paper cases are); a county approver approves; the household shows as
/// enrolled with the engine's amount, and the decision letter states it with the right to appeal.
/// </summary>
public class ApplicationJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    // 增城区 under its current code: the county whose 低保 standard the engine knows (RegistrySamples use the old 440183).
    private const string Township = "440118001";
    private const string Password = "Journey-Pass-2026";

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<Household> SeedAsync()
    {
        await using var db = fixture.Database.Open();
        if (!await db.Regions.AnyAsync(r => r.Code == Township))
            db.Regions.Add(new Region { Code = Township, Name = "荔城街道", ParentCode = "440118" });
        foreach (var (user, name, role, region) in new[]
        {
            ("zc-caseworker", "荔城街道经办人", Roles.Caseworker, Township),
            ("zc-approver", "增城区审批人", Roles.CountyApprover, "440118"),
        })
        {
            var account = new StaffAccount { UserName = user, DisplayName = name, Role = role, RegionCode = region, PasswordHash = "" };
            account.PasswordHash = StaffPasswords.Hash(account, Password);
            db.StaffAccounts.Add(account);
        }
        await db.SaveChangesAsync();
        return await ApplicationSamples.AddEligibleAsync(db, Township, "ZC-AP-0001");
    }

    private async Task<IPage> SignInAsync(string user)
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/Account/Login");
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("me")).ToBeVisibleAsync();
        return page;
    }

    private static async Task StepAsync(IPage page, string action, DateOnly on, Func<ILocator, Task>? fill = null)
    {
        var form = page.GetByTestId("form-" + action);
        await form.Locator("input[name=on]").FillAsync(Iso(on));
        if (fill is not null) await fill(form);
        await form.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("error")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_caseworker_applies_the_notice_runs_out_the_county_approves_and_the_household_is_enrolled_with_its_letter()
    {
        var household = await SeedAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

        var caseworker = await SignInAsync("zc-caseworker");
        await caseworker.GotoAsync($"{fixture.BaseUrl}/Households/{household.Id}");
        await caseworker.GetByTestId("apply").Locator("select[name=program]").SelectOptionAsync("dibao");
        await caseworker.GetByTestId("apply").Locator("button").ClickAsync();
        await Assertions.Expect(caseworker).ToHaveURLAsync($"{fixture.BaseUrl}/Applications/New?householdId={household.Id}&program=dibao");

        // Without every member's consent the application is refused, naming the field and the member.
        var form = caseworker.GetByTestId("new-application");
        await form.Locator("input[name=AppliedOn]").FillAsync(Iso(today.AddDays(-20)));
        await form.GetByLabel("王芳 已签字授权").CheckAsync();
        foreach (var box in await form.Locator("input[name=Documents]").AllAsync()) await box.CheckAsync();
        await form.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(caseworker.GetByTestId("error")).ToHaveTextAsync("授权：家庭经济状况核对须由全体家庭成员签字授权，缺少 刘建国 的授权。");

        form = caseworker.GetByTestId("new-application");
        await form.Locator("input[name=AppliedOn]").FillAsync(Iso(today.AddDays(-20)));
        foreach (var box in await form.Locator("input[name=Consent]").AllAsync()) await box.CheckAsync();
        foreach (var box in await form.Locator("input[name=Documents]").AllAsync()) await box.CheckAsync();
        await form.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(caseworker.GetByTestId("state")).ToHaveTextAsync("待经济状况核对");
        var caseUrl = caseworker.Url;

        await StepAsync(caseworker, "verify", today.AddDays(-19), async f =>
        {
            await f.Locator("select[name=verificationPassed]").SelectOptionAsync("yes");
            await f.Locator("textarea[name=verificationNote]").FillAsync("公安、不动产、车辆、银行数据核对无异常");
        });
        await StepAsync(caseworker, "accept", today.AddDays(-18));
        await StepAsync(caseworker, "visit", today.AddDays(-15), async f =>
        {
            await f.Locator("textarea[name=livingAssessment]").FillAsync("租住旧房，户主打零工，配偶务农");
            await f.Locator("select[name=irregularIncome]").SelectOptionAsync("yes");
            await f.Locator("select[name=membersAbleToWork]").SelectOptionAsync("yes");
        });
        await StepAsync(caseworker, "review", today.AddDays(-12), f => f.Locator("textarea[name=reason]").FillAsync("情况属实，同意公示"));
        await Assertions.Expect(caseworker.GetByTestId("notice")).ToHaveTextAsync($"{Iso(today.AddDays(-12))} 至 {Iso(today.AddDays(-6))}");
        await StepAsync(caseworker, "end_notice", today);
        await Assertions.Expect(caseworker.GetByTestId("state")).ToHaveTextAsync("待审批");
        // The township cannot decide: the county has not delegated 低保.
        await Assertions.Expect(caseworker.GetByTestId("form-approve")).ToBeVisibleAsync();
        await caseworker.GetByTestId("form-approve").Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(caseworker.GetByTestId("error")).ToContainTextAsync("角色：“批准”只能由本县（区）审批人办理");

        var approver = await SignInAsync("zc-approver");
        await approver.GotoAsync(fixture.BaseUrl + "/Applications");
        var row = approver.GetByTestId("application-row").Filter(new() { HasText = "ZC-AP-0001" });
        await Assertions.Expect(row).ToContainTextAsync("待审批");
        await row.GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(approver).ToHaveURLAsync(caseUrl);
        await StepAsync(approver, "approve", today);
        await Assertions.Expect(approver.GetByTestId("state")).ToHaveTextAsync("已批准纳入");
        var paidFrom = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
        await Assertions.Expect(approver.GetByTestId("amount")).ToHaveTextAsync($"2176.00 元，自 {Iso(paidFrom)} 起发放");

        await approver.GetByTestId("letter-link").ClickAsync();
        var letter = approver.GetByTestId("letter");
        await Assertions.Expect(letter.Locator("h1")).ToHaveTextAsync("低保批准决定书");
        await Assertions.Expect(approver.GetByTestId("letter-amount")).ToHaveTextAsync("2176.00");
        await Assertions.Expect(approver.GetByTestId("appeal")).ToContainTextAsync("60 日内依法申请行政复议");
        await Assertions.Expect(approver.GetByTestId("appeal")).ToContainTextAsync("6 个月内依法向人民法院提起行政诉讼");
        await Assertions.Expect(letter).ToContainTextAsync("广州市增城区民政局");
        await approver.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(approver.Locator("header.top")).ToBeHiddenAsync();
        await BrowserFixture.ScreenshotAsync(approver, "application-decision-letter");

        await caseworker.GotoAsync($"{fixture.BaseUrl}/Households/{household.Id}");
        await Assertions.Expect(caseworker.GetByTestId("program")).ToHaveTextAsync("低保");
        var enrolment = caseworker.GetByTestId("enrolments").Locator("tbody tr").First;
        await Assertions.Expect(enrolment).ToContainTextAsync("2176.00");
        await Assertions.Expect(enrolment).ToContainTextAsync(Iso(paidFrom));
        await BrowserFixture.ScreenshotAsync(caseworker, "application-household-enrolled");

        await using var db = fixture.Database.Open();
        var stored = await db.Applications.SingleAsync(a => a.HouseholdId == household.Id);
        Assert.Equal((ApplicationStates.Enrolled, 2176.00m, "zc-approver"), (stored.State, stored.MonthlyAmount, stored.DecidedBy));
    }
}
