using Doudi.Eligibility.Recompute;
using Doudi.Policy;
using Doudi.TestData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Doudi.BrowserTests;

/// <summary>A recompute run stores its changes; the county approver reviews them, opens one's reasons and exports the list.</summary>
public class DecisionReviewJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_county_approver_reviews_a_recompute_run_opens_a_decisions_reasons_and_downloads_the_masked_export()
    {
        // The fixture's approver has county 440183; the complete households are in 440118, so a city account reviews them.
        await using (var db = fixture.Database.Open())
        {
            await CompleteHouseholds.SeedAsync(db);
            await new RecomputeRegistry(ParameterBook.Shipped, TimeProvider.System).RunAsync(db, CompleteHouseholds.On, "test");
        }
        var page = await fixture.SignedInPageAsync("city");
        await page.GetByRole(AriaRole.Link, new() { Name = "核算变化" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("runs").Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("county-440118").Locator("td")).ToHaveTextAsync(["广州市增城区（440118）", "0", "0", "0", "1", "0", "0", "+438.00"]);
        var row = page.GetByTestId("change-H-DIBAO");
        await Assertions.Expect(row).ToContainTextAsync("金额变化");
        await Assertions.Expect(row).ToContainTextAsync("500.00");
        await Assertions.Expect(row).ToContainTextAsync("938.00");
        await BrowserFixture.ScreenshotAsync(page, "eligibility-changes");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export").ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.True(new FileInfo(await download.PathAsync()).Length > 0);

        await row.GetByRole(AriaRole.Link, new() { Name = "核算依据" }).ClickAsync();
        var dibao = page.GetByTestId("trace").Locator("tr[data-program=dibao]");
        await Assertions.Expect(dibao).ToContainTextAsync("938.00");
        await Assertions.Expect(dibao).ToContainTextAsync("dibao.standard = 1238");
        await BrowserFixture.ScreenshotAsync(page, "eligibility-change-trace");

        var outsider = await fixture.SignedInPageAsync("other-caseworker");
        await outsider.GotoAsync(fixture.BaseUrl + "/Eligibility/Changes");
        await Assertions.Expect(outsider.GetByTestId("no-runs")).ToBeVisibleAsync();
        await using (var db = fixture.Database.Open())
        {
            var id = await db.EligibilityDecisions.Select(d => d.Id).SingleAsync();
            Assert.Equal(404, (await outsider.GotoAsync($"{fixture.BaseUrl}/Eligibility/Changes?decision={id}"))!.Status);
        }
    }
}
