using Doudi.Oversight;
using Doudi.TestData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Doudi.BrowserTests;

/// <summary>City staff simulate a 5% rise of the 低保 standard and read the table and the chart.</summary>
public class PolicySimulationJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task City_staff_simulate_a_five_percent_rise_and_see_who_gains_and_the_cost_in_the_table_and_the_chart()
    {
        await using (var db = fixture.Database.Open()) await CompleteHouseholds.SeedAsync(db);
        var page = await fixture.SignedInPageAsync("city");
        await page.GetByRole(AriaRole.Link, new() { Name = "政策模拟" }).ClickAsync();

        var form = page.GetByTestId("simulate-form");
        await form.GetByLabel("评估日期").FillAsync("2025-07-01");
        await form.GetByLabel("调整").FillAsync("dibao.nope=+5%\nassets.max_vehicles=+5%");
        await page.ClickAsync("#simulate");
        await Assertions.Expect(page.GetByTestId("simulate-errors")).ToContainTextAsync("“dibao.nope=+5%”：参数名不存在");
        await Assertions.Expect(page.GetByTestId("simulate-errors")).ToContainTextAsync("该参数为整数，请直接填写新数值");

        form = page.GetByTestId("simulate-form");
        await form.GetByLabel("调整").FillAsync("dibao.standard=+5%");
        await page.ClickAsync("#simulate");
        // H-EDGE gains 低保 (1299.90 − 1260.00 = 39.90); H-DIBAO's 938.00 becomes 999.90 (+61.90).
        var dibao = page.GetByTestId("line-440118-dibao");
        await Assertions.Expect(dibao.Locator("td")).ToHaveTextAsync(["广州市增城区（440118）", "低保", "1", "0", "1", "1", "0", "+101.80"]);
        await Assertions.Expect(page.GetByTestId("line-440118-dibao_edge").Locator("td.num").Nth(1)).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("simulation-summary")).ToContainTextAsync("核算 2 户");
        await Assertions.Expect(page.GetByTestId("total-cost")).ToHaveTextAsync("+101.80");

        var chart = page.Locator("#simulation-chart[data-rendered=true] svg");
        await Assertions.Expect(chart).ToHaveCountAsync(1);
        await Assertions.Expect(chart.Locator("text", new() { HasText = "+101.80" })).ToHaveCountAsync(1);
        await Assertions.Expect(chart.Locator("text", new() { HasText = "低保边缘" })).ToHaveCountAsync(1);
        await Assertions.Expect(chart).ToContainTextAsync("广州市增城区");
        await BrowserFixture.ScreenshotAsync(page, "policy-simulation");

        await using (var db = fixture.Database.Open())
        {
            Assert.Equal(0, await db.EligibilityDecisions.CountAsync());
            var record = await db.AuditRecords.SingleAsync(r => r.Action == AuditActions.PolicySimulate);
            Assert.Equal("city", record.Actor);
            Assert.Contains("counties 4401*; dibao.standard=+5%", record.Detail, StringComparison.Ordinal);
        }

        var caseworker = await fixture.SignedInPageAsync("caseworker");
        Assert.Equal(403, (await caseworker.GotoAsync(fixture.BaseUrl + "/Policy/Simulate"))!.Status);
    }
}
