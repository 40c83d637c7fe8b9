using Doudi.TestData;
using Microsoft.Playwright;

namespace Doudi.BrowserTests;

/// <summary>The data administrator loads a roster pair through the browser and reads the report.</summary>
public class RosterImportJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_administrator_imports_a_roster_and_sees_the_rejected_row_with_its_line_and_reason()
    {
        var dir = Directory.CreateTempSubdirectory("doudi-roster-");
        var households = Path.Combine(dir.FullName, "households.csv");
        var members = Path.Combine(dir.FullName, "members.csv");
        await File.WriteAllTextAsync(households,
            "household_id,county,township,area,program,monthly_amount,since\n"
            + "WEB-0001,440118,440118002,urban,dibao,900.00,2024-01-01\n");
        var head = RegistrySamples.Id("44011819700101001");
        var badCheck = "44011819720202002" + (RegistrySamples.Id("44011819720202002")[17] == '1' ? '2' : '1');
        var lines = new List<string>
        {
            "household_id,id_number,name,sex,birth_date,relation,disability_category,disability_grade,serious_illness,monthly_income",
            $"WEB-0001,{head},网页导入户主,male,1970-01-01,head,,,0,300.00",
            $"WEB-0001,{badCheck},错号成员,female,1972-02-02,spouse,,,0,0",
        };
        // 25 good children keep the one bad row under the 5% threshold.
        for (var i = 0; i < 25; i++)
            lines.Add($"WEB-0001,{RegistrySamples.Id($"440118201001{i + 1:D2}01{(i % 2 == 0 ? 1 : 2)}")},子女{i},{(i % 2 == 0 ? "male" : "female")},2010-01-{i + 1:D2},child,,,0,0");
        await File.WriteAllLinesAsync(members, lines);

        var page = await fixture.SignedInPageAsync("admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "名册导入" }).ClickAsync();
        await page.GetByTestId("households-file").SetInputFilesAsync(households);
        await page.GetByTestId("members-file").SetInputFilesAsync(members);
        await page.GetByTestId("import").ClickAsync();

        await Assertions.Expect(page.GetByTestId("outcome")).ToContainTextAsync("已导入");
        await Assertions.Expect(page.GetByTestId("report")).ToContainTextAsync("members.csv");
        var error = page.GetByTestId("errors").Locator("tbody tr").First;
        await Assertions.Expect(error.Locator("td").Nth(0)).ToHaveTextAsync("3");
        await Assertions.Expect(error.Locator("td").Nth(1)).ToHaveTextAsync("id_number");
        await Assertions.Expect(error.Locator("td").Nth(3)).ToContainTextAsync("校验位");
        await BrowserFixture.ScreenshotAsync(page, "roster-import-report");

        // The same pair again changes nothing and says which batch it was.
        await page.GetByTestId("households-file").SetInputFilesAsync(households);
        await page.GetByTestId("members-file").SetInputFilesAsync(members);
        await page.GetByTestId("import").ClickAsync();
        await Assertions.Expect(page.GetByTestId("outcome")).ToContainTextAsync("本次未做任何改动");
    }
}
