using Doudi.Persistence;
using Microsoft.Extensions.FileProviders;

namespace Doudi.Web;

public sealed record WebSettings(DatabaseLocation Database, string Urls, bool LoadDemo);

/// <summary>Builds the web host: the Chinese UI (Razor Pages) and the API, on one database.</summary>
public static class DoudiWebHost
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static WebApplication Build(WebSettings settings, string[]? args = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args ?? [],
            ApplicationName = typeof(DoudiWebHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        builder.WebHost.UseUrls(settings.Urls);
        ConfigureServices(builder, settings);
        var app = builder.Build();
        Configure(app);
        return app;
    }

    public static void ConfigureServices(WebApplicationBuilder builder, WebSettings settings)
    {
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(settings.Database);
        builder.Services.AddScoped(_ => settings.Database.Open());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddRazorPages();
        builder.Services.AddProblemDetails();
    }

    public static void Configure(WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(app.Environment.WebRootPath),
        });
        app.UseRouting();
        app.MapGet("/api/v1/health", () => Results.Ok(new { status = "ok" }));
        Api.EligibilityEndpoints.MapEligibilityApi(app);
        app.MapRazorPages();
    }
}
