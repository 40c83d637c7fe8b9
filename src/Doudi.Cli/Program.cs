using System.CommandLine;
using System.Text;
using Doudi.Cli;
using Doudi.Cli.Commands;

Console.OutputEncoding = Encoding.UTF8;

var root = new RootCommand("兜底 (Doudi): Guangdong integrated social-assistance platform");
root.Options.Add(CommonOptions.Database);
root.Options.Add(CommonOptions.Connection);
root.Subcommands.Add(ServeCommand.Build());
root.Subcommands.Add(DbCommands.Build());
root.Subcommands.Add(RegistryCommands.Build());
root.Subcommands.Add(DemoCommands.Build());
root.Subcommands.Add(EligibilityCommands.Build());
root.Subcommands.Add(RecomputeCommands.BuildPolicy());
root.Subcommands.Add(FeedCommands.Build());
root.Subcommands.Add(MonitorCommands.Build());
root.Subcommands.Add(MonitorCommands.BuildAlerts());
root.Subcommands.Add(StaffCommands.Build());

return await CliRunner.RunAsync(root, args);
