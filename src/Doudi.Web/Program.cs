using Doudi.Persistence;
using Doudi.Web;

// Run directly (tests use WebApplicationFactory<Program>); operators use `./doudi serve`.
var settings = new WebSettings(DatabaseLocation.Resolve(null, null), DoudiWebHost.DefaultUrls, LoadDemo: false);
var app = DoudiWebHost.Build(settings, args);
await settings.Database.MigrateAsync();
await app.RunAsync();
