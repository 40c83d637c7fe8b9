using System.CommandLine;
using Doudi.Access;
using Doudi.Persistence;
using Doudi.Web;
using Microsoft.Extensions.Hosting;

namespace Doudi.Cli.Commands;

public static class ServeCommand
{
    public static Command Build()
    {
        var urls = new Option<string>("--urls") { Description = "Address to listen on", DefaultValueFactory = _ => DoudiWebHost.DefaultUrls };
        var noDemo = new Option<bool>("--no-demo") { Description = "Do not load the demo region into an empty database" };
        var serve = new Command("serve", "Run the web UI and the API") { urls, noDemo };
        serve.SetAction(async (result, ct) =>
        {
            var location = CommonOptions.Location(result);
            var settings = new WebSettings(location, result.GetValue(urls)!, !result.GetValue(noDemo));
            await location.MigrateAsync(ct);
            if (settings.LoadDemo) await Doudi.Registry.Demo.DemoRegion.LoadIfEmptyAsync(location, ct);
            var app = DoudiWebHost.Build(settings);
            await app.StartAsync(ct);
            Console.WriteLine($"兜底 is serving on {settings.Urls} ({location})");
            if (settings.LoadDemo) await PrintDemoAccountsAsync(location, ct);
            else await PrintFirstAccountHintAsync(location, ct);
            await app.WaitForShutdownAsync(ct);
            return ExitCodes.Done;
        });
        return serve;
    }

    private static async Task PrintFirstAccountHintAsync(DatabaseLocation location, CancellationToken ct)
    {
        await using var db = location.Open();
        if (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.StaffAccounts, ct)) return;
        Console.WriteLine("no staff account yet: create the first administrator with");
        Console.WriteLine("  ./doudi staff set --user NAME --name 姓名 --role administrator --region 440000");
    }

    private static async Task PrintDemoAccountsAsync(DatabaseLocation location, CancellationToken ct)
    {
        await using var db = location.Open();
        var accounts = await StaffSeed.EnsureDemoAccountsAsync(db, DemoRegionCodes.Demo, ct);
        Console.WriteLine("demo accounts (a password is shown only when the account is created):");
        foreach (var line in StaffSeed.Describe(accounts)) Console.WriteLine(line);
    }
}
