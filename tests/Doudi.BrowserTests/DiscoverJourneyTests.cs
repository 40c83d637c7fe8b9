using System.Globalization;
using System.Text.RegularExpressions;
using Doudi.Monitoring;
using Doudi.TestData;
using Microsoft.Playwright;

namespace Doudi.BrowserTests;

/// <summary>政策找人 pages its list: 50 rows, then 下一页 shows the next households and keeps the filter.</summary>
public class DiscoverJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_city_official_pages_through_the_list_with_the_county_filter_kept()
    {
        // 55 households of 440118 with an open 防返贫 alert each, all scored alike: the household number orders them.
        await using (var db = fixture.Database.Open())
        {
            for (var i = 0; i < 55; i++)
            {
                var no = "DS-" + i.ToString("000", CultureInfo.InvariantCulture);
                var idNumber = RegistrySamples.Id("44011819900101" + i.ToString("000", CultureInfo.InvariantCulture));
                var household = CompleteHouseholds.NewHousehold(no, "dibao_edge", 0m);
                household.Members.Add(CompleteHouseholds.Adult(idNumber, new DateOnly(1990, 1, 1), 5000m));
                db.Households.Add(household);
                await db.SaveChangesAsync();
                db.Alerts.Add(new Alert
                {
                    Rule = Rules.PovertyWatchUnassisted,
                    IdNumber = idNumber,
                    HouseholdId = household.Id,
                    HouseholdNo = no,
                    County = household.CountyCode,
                    Township = household.TownshipCode,
                    Severity = "low",
                    Month = "2025-06",
                    DetectedOn = new DateOnly(2025, 7, 1),
                    DueOn = new DateOnly(2025, 7, 15),
                    Evidence = [new AlertEvidence { Key = "watch:" + idNumber, Text = "防返贫监测对象", Month = "2025-06" }],
                });
            }
            await db.SaveChangesAsync();
        }

        var page = await fixture.SignedInPageAsync("city");
        await page.GotoAsync(fixture.BaseUrl + "/Monitoring/Discover?county=440118");
        await Assertions.Expect(page.GetByTestId("pager-position")).ToHaveTextAsync("第 1 / 2 页，共 55 条");
        await Assertions.Expect(page.GetByTestId("candidates").Locator("tbody tr")).ToHaveCountAsync(50);
        await Assertions.Expect(page.GetByTestId("candidate-DS-000-dibao")).ToBeVisibleAsync();

        await page.GetByTestId("pager-next").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"\?county=440118&p=2$"));
        await Assertions.Expect(page.GetByTestId("pager-position")).ToHaveTextAsync("第 2 / 2 页，共 55 条");
        await Assertions.Expect(page.GetByTestId("candidates").Locator("tbody tr")).ToHaveCountAsync(5);
        await Assertions.Expect(page.GetByTestId("candidate-DS-050-dibao")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("candidate-DS-000-dibao")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "discover-page-2");
    }
}
