using Doudi.TestData;
using Microsoft.Playwright;

namespace Doudi.BrowserTests;

/// <summary>The data administrator imports a department feed through the browser and reads the report and the history.</summary>
public class FeedImportJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_administrator_imports_a_vehicle_feed_sees_the_bad_row_with_its_line_and_reason_and_finds_the_batch_in_the_history()
    {
        var dir = Directory.CreateTempSubdirectory("doudi-feed-web-");
        var path = Path.Combine(dir.FullName, "vehicle-web.csv");
        var lines = new List<string>
        {
            "id_number,name,plate,vehicle_type,registered_on",
            $"{RegistrySamples.Id("44011819700101001")},车主甲,粤A-BAD,tractor,2020-01-01",
        };
        // 25 good rows keep the one bad row under the 5% threshold.
        for (var i = 0; i < 25; i++)
            lines.Add($"{RegistrySamples.Id($"44011819700101{i + 2:D3}")},车主{i},粤A-W{i:D3},car,2020-01-{i + 1:D2}");
        await File.WriteAllLinesAsync(path, lines);

        var page = await fixture.SignedInPageAsync("admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "部门数据导入" }).ClickAsync();
        await page.GetByTestId("file-vehicle").SetInputFilesAsync(path);
        await page.GetByTestId("import-vehicle").ClickAsync();

        await Assertions.Expect(page.GetByTestId("outcome")).ToContainTextAsync("读取 26 行，接受 25 行，拒绝 1 行");
        var error = page.GetByTestId("errors").Locator("tbody tr");
        await Assertions.Expect(error).ToHaveCountAsync(1);
        await Assertions.Expect(error.Locator("td").Nth(0)).ToHaveTextAsync("2");
        await Assertions.Expect(error.Locator("td").Nth(1)).ToHaveTextAsync("vehicle_type");
        await Assertions.Expect(error.Locator("td").Nth(2)).ToHaveTextAsync("tractor");
        await Assertions.Expect(page.GetByTestId("error-file")).ToHaveAttributeAsync("download", "vehicle-web.errors.csv");
        var history = page.GetByTestId("history").Locator("tbody tr").First;
        await Assertions.Expect(history).ToContainTextAsync("vehicle-web.csv");
        await Assertions.Expect(history).ToContainTextAsync("admin");
        await Assertions.Expect(history).ToContainTextAsync("已导入（1 行被拒绝）");
        await BrowserFixture.ScreenshotAsync(page, "feed-import-report");

        // A caseworker has no business importing department data.
        var caseworker = await fixture.SignedInPageAsync("caseworker");
        var refused = await caseworker.GotoAsync(fixture.BaseUrl + "/Feeds/Import");
        Assert.Equal(403, refused!.Status);
    }
}
