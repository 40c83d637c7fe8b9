using Doudi.Oversight;
using Doudi.Policy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Doudi.BrowserTests;

/// <summary>An administrator adds 广州's 2025 低保 standard from the UI; the calculator uses it at once.</summary>
public class PolicyParametersJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_administrator_is_told_why_a_figure_below_the_minimum_is_refused_then_adds_one_the_calculator_uses_at_once()
    {
        var page = await fixture.SignedInPageAsync("admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "政策参数" }).ClickAsync();
        var values = page.GetByTestId("values");
        await Assertions.Expect(values).ToContainTextAsync("广州市（440100）");
        await Assertions.Expect(values).ToContainTextAsync("1238");
        await Assertions.Expect(values).ToContainTextAsync("随版本发布 · policy/parameters/dibao/standard.yaml:");

        var form = page.GetByTestId("add-form");
        await form.GetByLabel("适用范围").SelectOptionAsync(ScopeKinds.City);
        await form.GetByLabel("代码").FillAsync("440100");
        await form.GetByLabel("生效日期").FillAsync("2025-01-01");
        await form.GetByLabel("数值（城镇").FillAsync("1100");
        await form.GetByLabel("依据（文号）").FillAsync("穗民规字〔2025〕1号");
        await form.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("add-errors")).ToContainTextAsync("数值 1100 低于");
        await Assertions.Expect(page.GetByTestId("add-errors")).ToContainTextAsync("最低标准 1165");
        // The form keeps what was typed, so only the figure needs correcting.
        await Assertions.Expect(page.GetByTestId("add-form").GetByLabel("依据（文号）")).ToHaveValueAsync("穗民规字〔2025〕1号");
        await BrowserFixture.ScreenshotAsync(page, "policy-parameters-refused");

        form = page.GetByTestId("add-form");
        await form.GetByLabel("数值（城镇").FillAsync("1300");
        await form.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("added")).ToBeVisibleAsync();
        var added = page.Locator("tr.added");
        await Assertions.Expect(added).ToHaveCountAsync(1);
        await Assertions.Expect(added).ToContainTextAsync("2025-01-01");
        await Assertions.Expect(added).ToContainTextAsync("1300");
        await Assertions.Expect(added).ToContainTextAsync("穗民规字〔2025〕1号");
        await Assertions.Expect(added).ToContainTextAsync("admin");
        await BrowserFixture.ScreenshotAsync(page, "policy-parameters-added");

        await page.GotoAsync(fixture.BaseUrl + "/Eligibility/Calculator");
        await page.FillAsync("#situation", """
            {"date":"2025-07-01","county":"440118","area":"urban",
             "members":[{"key":"m1","sex":"male","birth_date":"1980-01-01","income":{"wages":300}}],
             "assets":{"financial":1000,"residential_properties":1}}
            """);
        await page.ClickAsync("#evaluate");
        await Assertions.Expect(page.Locator("#result")).ToContainTextAsync("低保标准: 1300.00 元/人/月");
        await Assertions.Expect(page.Locator("tr[data-program=dibao] td.amount")).ToHaveTextAsync("1000.00");

        await using (var db = fixture.Database.Open())
        {
            Assert.Equal(1, await db.AuditRecords.CountAsync(r => r.Action == AuditActions.ParameterValueRefused));
            var record = await db.AuditRecords.SingleAsync(r => r.Action == AuditActions.ParameterValueAdded);
            Assert.Equal("admin", record.Actor);
        }

        var caseworker = await fixture.SignedInPageAsync("caseworker");
        await Assertions.Expect(caseworker.GetByRole(AriaRole.Link, new() { Name = "政策参数" })).ToHaveCountAsync(0);
        var refused = await caseworker.GotoAsync(fixture.BaseUrl + "/Policy/Parameters");
        Assert.Equal(403, refused!.Status);
    }
}
