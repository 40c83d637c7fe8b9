using Microsoft.Playwright;

namespace Doudi.BrowserTests;

public class HomePageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_home_page_speaks_chinese()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("兜底 · 广东省大救助平台");
        await BrowserFixture.ScreenshotAsync(page, "home");
    }
}
