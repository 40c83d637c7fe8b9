using Microsoft.Playwright;

namespace Doudi.BrowserTests;

public class EligibilityCalculatorTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_caseworker_tries_the_example_household_and_sees_the_amounts_with_their_reasons()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/Eligibility/Calculator");
        await page.ClickAsync("#evaluate");
        // The example: 低保 for two (2 × 1196 − 300) plus the student's 广州 add-on 239.20.
        await Assertions.Expect(page.Locator("tr[data-program=dibao] td.amount")).ToHaveTextAsync("2331.20");
        await Assertions.Expect(page.Locator("tr[data-program=disability_care_subsidy] td.amount")).ToHaveTextAsync("252.00");
        await Assertions.Expect(page.Locator("tr[data-program=dibao]")).ToContainTextAsync("低于低保标准 1196.00 元");
        await BrowserFixture.ScreenshotAsync(page, "eligibility-calculator");

        await page.FillAsync("#situation", """{"date":"2022-07-01","county":"449999","area":"urban","members":[]}""");
        await page.ClickAsync("#evaluate");
        await Assertions.Expect(page.Locator("#problems")).ToContainTextAsync("$.county");
        await Assertions.Expect(page.Locator("#problems")).ToContainTextAsync("$.members");
    }
}
