using Doudi.Access;
using Doudi.Persistence;
using Doudi.TestData;
using Doudi.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Playwright;

namespace Doudi.BrowserTests;

/// <summary>
/// A real Kestrel server on a free loopback port over a fresh SQLite file, and Debian's Chromium driven by
/// Playwright (no browser download: ExecutablePath, overridable with CHROMIUM_PATH). The database holds the
/// demo staff accounts and the sample households of <see cref="RegistrySamples"/>.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;
    public DatabaseLocation Database { get; private set; } = null!;
    public IReadOnlyList<SeededAccount> Accounts { get; private set; } = [];
    public RegistrySamples Samples { get; private set; } = null!;

    public static string ArtifactsDir
    {
        get
        {
            var dir = Environment.GetEnvironmentVariable("DOUDI_ARTIFACTS") ?? Path.Combine(Path.GetTempPath(), "doudi-artifacts");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    public async Task InitializeAsync()
    {
        var dir = Directory.CreateTempSubdirectory("doudi-browser-");
        Database = new DatabaseLocation(Path.Combine(dir.FullName, "doudi.db"), null);
        await Database.MigrateAsync();
        await using (var db = Database.Open())
        {
            Accounts = await StaffSeed.EnsureDemoAccountsAsync(db, new DemoRegionCodes(RegistrySamples.County, RegistrySamples.Township, RegistrySamples.OtherTownship));
            Samples = await RegistrySamples.SeedAsync(db);
        }
        _app = DoudiWebHost.Build(new WebSettings(Database, "http://127.0.0.1:0", LoadDemo: false));
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new() { Width = 1280, Height = 900 } });
        return await context.NewPageAsync();
    }

    /// <summary>A fresh browser context signed in as one of the demo accounts, on the page sign-in leads to.</summary>
    public async Task<IPage> SignedInPageAsync(string userName)
    {
        var page = await NewPageAsync();
        await page.GotoAsync(BaseUrl + "/Account/Login");
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(Accounts.Single(a => a.UserName == userName).Password!);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("me")).ToBeVisibleAsync();
        return page;
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactsDir, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
    }
}
