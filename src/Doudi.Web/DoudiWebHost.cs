using System.Text.Encodings.Web;
using System.Text.Unicode;
using Doudi.Oversight;
using Doudi.Persistence;
using Doudi.Web.Access;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.WebEncoders;

namespace Doudi.Web;

/// <param name="FeedsPath">The DuckDB feed store; null: beside the SQLite file, or DOUDI_FEEDS (docs/adr/0003).</param>
public sealed record WebSettings(DatabaseLocation Database, string Urls, bool LoadDemo, string? FeedsPath = null);

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
        // The framework's per-request information lines drown what operators need to see.
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("System", LogLevel.Warning);

        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(settings.Database);
        // The feed store is a path, not a connection: every use opens and closes its own short session.
        builder.Services.AddSingleton(Doudi.Feeds.FeedStore.For(settings.Database, settings.FeedsPath));
        builder.Services.AddSingleton<Doudi.Web.Pages.Feeds.FeedImportJobs>();
        builder.Services.AddHttpContextAccessor();
        // One database context per request, scoped to the signed-in account's region by the query
        // filters: pages and endpoints cannot see another region's households even by id.
        builder.Services.AddScoped(sp =>
        {
            var db = settings.Database.Open();
            db.ScopePrefix = StaffPrincipal.ScopePrefix(sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.User);
            return db;
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<AuditTrail>();
        // The figures in force: shipped files plus administrators' additions, rebuilt when an addition is stored.
        builder.Services.AddSingleton(new Doudi.Policy.EffectiveParameters(Doudi.Policy.ParameterBook.Shipped));
        builder.Services.AddScoped<RequestAudit>();
        Pages.Applications.ApplicationServices.Add(builder.Services, settings.Database);
        AddSignIn(builder.Services, settings);
        builder.Services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/Households", Policies.ViewHouseholds);
            options.Conventions.AuthorizeFolder("/Oversight", Policies.ReadAudit);
            options.Conventions.AuthorizeFolder("/Registry", Policies.ImportRoster);
            options.Conventions.AuthorizeFolder("/Alerts", Policies.ViewAlerts);
            options.Conventions.AuthorizeFolder("/Verification", Policies.ViewHouseholds);
            options.Conventions.AuthorizeFolder("/Monitoring", Policies.ViewAlerts);
            options.Conventions.AuthorizeFolder("/Feeds", Policies.ImportRoster);
            options.Conventions.AuthorizePage("/Policy/Parameters", Policies.ManageParameters);
            options.Conventions.AuthorizePage("/Policy/Simulate", Policies.SimulatePolicy);
            options.Conventions.AuthorizePage("/Eligibility/Changes", Policies.ReviewDecisions);
            options.Conventions.AuthorizeFolder("/Applications", Policies.ViewApplications);
            options.Conventions.AllowAnonymousToPage("/Eligibility/Calculator");
            options.Conventions.AllowAnonymousToPage("/Index");
            options.Conventions.AllowAnonymousToPage("/Account/Login");
            options.Conventions.AllowAnonymousToPage("/Error");
        });
        builder.Services.AddProblemDetails();
        // Chinese text as characters, not &#x...; entities: readable page source, smaller pages.
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
    }

    public static void Configure(WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/Error/500");
        // Chinese error pages for the UI; API callers get bare status codes.
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), ui => ui.UseStatusCodePagesWithReExecute("/Error/{0}"));
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(app.Environment.WebRootPath),
        });
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/api/v1/health", () => Results.Ok(new { status = "ok" })).AllowAnonymous();
        Api.EligibilityEndpoints.MapEligibilityApi(app);
        app.MapRazorPages();
    }

    private static void AddSignIn(IServiceCollection services, WebSettings settings)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/Account/Login";
                o.LogoutPath = "/Account/Logout";
                o.Cookie.Name = "doudi.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = c => StaffPrincipal.ValidateAsync(c, settings.Database);
                o.Events.OnRedirectToLogin = c =>
                {
                    if (c.Request.Path.StartsWithSegments("/api")) c.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    else c.Response.Redirect(c.RedirectUri);
                    return Task.CompletedTask;
                };
                // No redirect: the status page says 无权查看或不存在 at the address that was refused.
                o.Events.OnRedirectToAccessDenied = c =>
                {
                    c.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.ViewHouseholds, p => p.RequireRole(Policies.ViewHouseholdsRoles))
            .AddPolicy(Policies.ReadAudit, p => p.RequireRole(Policies.ReadAuditRoles))
            .AddPolicy(Policies.ImportRoster, p => p.RequireRole(Policies.ImportRosterRoles))
            .AddPolicy(Policies.ViewAlerts, p => p.RequireRole(Policies.ViewAlertsRoles))
            .AddPolicy(Policies.ManageParameters, p => p.RequireRole(Policies.ManageParametersRoles))
            .AddPolicy(Policies.SimulatePolicy, p => p.RequireRole(Policies.SimulatePolicyRoles))
            .AddPolicy(Policies.ReviewDecisions, p => p.RequireRole(Policies.ReviewDecisionsRoles))
            .AddPolicy(Policies.ViewApplications, p => p.RequireRole(Policies.ViewApplicationsRoles));
    }
}
