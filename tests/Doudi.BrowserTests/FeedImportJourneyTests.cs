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
        // The page's script uploaded the file and followed its import in the background to its report.
        Assert.Contains("?job=", page.Url, StringComparison.Ordinal);
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

    [Fact]
    public async Task An_administrator_uploads_a_months_files_at_once_and_reads_one_result_per_file()
    {
        var dir = Directory.CreateTempSubdirectory("doudi-feed-set-web-");
        // A clean death feed; a disability feed with one bad grade among 25 good rows; a file named after no feed type.
        var death = Path.Combine(dir.FullName, "death.csv");
        await File.WriteAllLinesAsync(death,
        [
            "id_number,name,death_date",
            $"{RegistrySamples.Id("44011819500101801")},逝者甲,2024-03-01",
            $"{RegistrySamples.Id("44011819500101802")},逝者乙,2024-03-02",
        ]);
        var disability = Path.Combine(dir.FullName, "disability.csv");
        var lines = new List<string> { "id_number,name,category,grade,certified_on", $"{RegistrySamples.Id("44011819800101900")},残甲,physical,9,2020-01-01" };
        for (var i = 0; i < 25; i++)
            lines.Add($"{RegistrySamples.Id($"44011819800101{i + 901:D3}")},残{i},physical,2,2020-01-{i + 1:D2}");
        await File.WriteAllLinesAsync(disability, lines);
        var notes = Path.Combine(dir.FullName, "notes.csv");
        await File.WriteAllTextAsync(notes, "x\n1\n");

        var page = await fixture.SignedInPageAsync("admin");
        await page.GotoAsync(fixture.BaseUrl + "/Feeds/Import");
        await page.GetByTestId("set-files").SetInputFilesAsync([death, disability, notes]);
        await page.GetByTestId("import-set").ClickAsync();

        var rows = page.GetByTestId("set-results").Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        // The page's script uploaded the files, followed the import in the background and opened its results.
        Assert.Contains("?job=", page.Url, StringComparison.Ordinal);
        // Largest first, as they were stored.
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("disability.csv");
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("已导入");
        await Assertions.Expect(rows.Nth(0).Locator("td").Nth(5)).ToHaveTextAsync("1");
        await Assertions.Expect(rows.Nth(0).GetByTestId("set-error-file")).ToHaveAttributeAsync("download", "disability.errors.csv");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("death.csv");
        await Assertions.Expect(rows.Nth(1).Locator("td").Nth(4)).ToHaveTextAsync("2");
        await Assertions.Expect(page.GetByTestId("set-skipped")).ToContainTextAsync("notes.csv");
        var history = page.GetByTestId("history").Locator("tbody tr");
        await Assertions.Expect(history.Filter(new() { HasText = "death.csv" })).ToHaveCountAsync(1);
        await Assertions.Expect(history.Filter(new() { HasText = "disability.csv" })).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(page, "feed-import-set");

        // The same files again change nothing: each is recognised as imported before.
        await page.GetByTestId("set-files").SetInputFilesAsync([death, disability]);
        await page.GetByTestId("import-set").ClickAsync();
        await Assertions.Expect(page.GetByTestId("set-results").Locator("tbody tr").Nth(1)).ToContainTextAsync("本次未做任何改动");
    }
}
