using System.Net;
using System.Text.RegularExpressions;
using Doudi.Access;
using Doudi.Persistence;
using Doudi.TestData;
using Doudi.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Doudi.IntegrationTests;

/// <summary>The web host on a free loopback port over a seeded database, and a cookie-keeping client.</summary>
public sealed partial class WebHarness : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebHarness(WebApplication app, DatabaseLocation database, IReadOnlyList<SeededAccount> accounts, RegistrySamples samples, string baseUrl, Doudi.Feeds.FeedStore feeds)
    {
        _app = app;
        Feeds = feeds;
        Database = database;
        Accounts = accounts;
        Samples = samples;
        BaseUrl = baseUrl;
    }

    public DatabaseLocation Database { get; }
    public IReadOnlyList<SeededAccount> Accounts { get; }
    public RegistrySamples Samples { get; }
    public string BaseUrl { get; }

    /// <summary>The host's feed store: a file of its own per harness, whichever database kind.</summary>
    public Doudi.Feeds.FeedStore Feeds { get; }

    public static async Task<WebHarness> StartAsync(string kind)
    {
        var database = await TestDatabases.CreateAsync(kind);
        IReadOnlyList<SeededAccount> accounts;
        RegistrySamples samples;
        await using (var db = database.Open())
        {
            accounts = await StaffSeed.EnsureDemoAccountsAsync(db, new DemoRegionCodes(RegistrySamples.County, RegistrySamples.Township, RegistrySamples.OtherTownship));
            samples = await RegistrySamples.SeedAsync(db);
        }
        var feedsPath = Path.Combine(Directory.CreateTempSubdirectory("doudi-web-feeds-").FullName, "feeds.duckdb");
        var app = DoudiWebHost.Build(new WebSettings(database, "http://127.0.0.1:0", LoadDemo: false, feedsPath));
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new WebHarness(app, database, accounts, samples, url, app.Services.GetRequiredService<Doudi.Feeds.FeedStore>());
    }

    public string PasswordOf(string userName) => Accounts.Single(a => a.UserName == userName).Password!;

    public HttpClient NewClient() =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(BaseUrl) };

    /// <summary>Posts the sign-in form the way a browser does: antiforgery token from the page, cookie kept.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password)
    {
        var form = await client.GetStringAsync("/Account/Login");
        var token = TokenPattern().Match(form).Groups[1].Value;
        return await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
