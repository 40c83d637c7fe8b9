using System.Text;
using Doudi.Feeds;
using Doudi.Imports;
using Microsoft.Playwright;

namespace Doudi.BrowserTests;

/// <summary>A caseworker opens a household's 核对 report from its file and prints it.</summary>
public class VerificationJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_caseworker_opens_the_verification_of_a_household_sees_the_failed_vehicle_test_and_prints_it_without_navigation()
    {
        var head = fixture.Samples.Licheng.Members.Single(m => m.Relation == "head");
        var file = Path.Combine(Directory.CreateTempSubdirectory("doudi-verify-").FullName, "vehicle.csv");
        await File.WriteAllTextAsync(file, $"id_number,name,plate,vehicle_type,registered_on\n{head.IdNumber},{head.Name},粤A-PRN1,car,2023-01-01\n", new UTF8Encoding(false));
        var outcome = await new ImportFeedHandler(fixture.Database, FeedStore.For(fixture.Database)).Handle(new ImportFeed(FeedTypes.Get("vehicle"),
            ImportSource.FromFile(file), null, null, 0.05m, new DateOnly(2024, 6, 3), "test"), CancellationToken.None);
        Assert.IsType<ImportFeedOutcome.Imported>(outcome);

        var page = await fixture.SignedInPageAsync("caseworker");
        await page.GotoAsync($"{fixture.BaseUrl}/Households/{fixture.Samples.Licheng.Id}");
        await page.GetByTestId("verify-link").ClickAsync();
        await Assertions.Expect(page.GetByTestId("test-vehicles")).ToContainTextAsync("机动车 1 辆（粤A-PRN1） > 上限 0 辆，不符合");
        await Assertions.Expect(page.GetByTestId("overall")).ToContainTextAsync("不符合");
        await Assertions.Expect(page.Locator("article.verification")).Not.ToContainTextAsync(head.IdNumber);

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.Locator("header.top")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "打印" })).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("p.print-only")).ToContainTextAsync("核对人：caseworker");
        await page.PdfAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDir, "verification-print.pdf"), Format = "A4" });
        await BrowserFixture.ScreenshotAsync(page, "verification-print");
    }
}
