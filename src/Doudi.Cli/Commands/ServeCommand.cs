using System.CommandLine;
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
            await app.WaitForShutdownAsync(ct);
            return ExitCodes.Done;
        });
        return serve;
    }
}
