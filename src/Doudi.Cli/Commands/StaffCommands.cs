using System.CommandLine;
using Doudi.Access.ManageStaff;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Cli.Commands;

/// <summary>`doudi staff`: accounts for a real department (the demo accounts come only with the demo).</summary>
public static class StaffCommands
{
    public static Command Build()
    {
        var user = new Option<string>("--user") { Description = "User name (letters, digits, - _ .)", Required = true };
        var name = new Option<string>("--name") { Description = "Display name (姓名)", Required = true };
        var role = new Option<string>("--role") { Description = "caseworker county_approver city_staff province_staff auditor administrator", Required = true };
        var region = new Option<string>("--region") { Description = "Region code: 440000, a city, a county or a 9-digit township", Required = true };
        var idNumber = new Option<string?>("--id-number") { Description = "The person's ID number (for the close-relative checks)" };
        var set = new Command("set", "Create a staff account (prints its password once) or change its role, region and name")
        {
            user, name, role, region, idNumber,
        };
        set.SetAction(async (result, ct) =>
        {
            var location = CommonOptions.Location(result);
            await location.MigrateAsync(ct);
            await using var db = location.Open();
            var command = new SetStaffAccount(result.GetValue(user)!.Trim(), result.GetValue(name)!.Trim(), result.GetValue(role)!.Trim(),
                result.GetValue(region)!.Trim(), result.GetValue(idNumber));
            var (saved, problems) = await new SetStaffAccountHandler(db, TimeProvider.System).Handle(command, CliAudit.Actor, ct);
            if (saved is null) throw new BadInputException(string.Join(Environment.NewLine, problems));
            Console.WriteLine(saved.Created
                ? $"created {saved.Account.UserName} ({saved.Account.Role}, {saved.Account.RegionCode}); password: {saved.NewPassword}"
                : $"changed {saved.Account.UserName} ({saved.Account.Role}, {saved.Account.RegionCode}); password unchanged");
            return ExitCodes.Done;
        });

        var resetUser = new Option<string>("--user") { Description = "User name", Required = true };
        var reset = new Command("reset-password", "Give an account a new random password (printed once)") { resetUser };
        reset.SetAction(async (result, ct) =>
        {
            var location = CommonOptions.Location(result);
            await location.MigrateAsync(ct);
            await using var db = location.Open();
            var saved = await new SetStaffAccountHandler(db, TimeProvider.System).ResetPassword(result.GetValue(resetUser)!.Trim(), CliAudit.Actor, ct)
                ?? throw new BadInputException($"--user: 没有名为 {result.GetValue(resetUser)} 的账号");
            Console.WriteLine($"new password for {saved.Account.UserName}: {saved.NewPassword}");
            return ExitCodes.Done;
        });

        var list = new Command("list", "List staff accounts (never their passwords)");
        list.SetAction(async (result, ct) =>
        {
            await using var db = CommonOptions.Location(result).Open();
            foreach (var a in await db.StaffAccounts.AsNoTracking().OrderBy(a => a.UserName).ToListAsync(ct))
                Console.WriteLine($"{a.UserName,-20} {a.Role,-16} {a.RegionCode,-10} {a.DisplayName}{(a.Disabled ? " (disabled)" : "")}");
            return ExitCodes.Done;
        });

        var staff = new Command("staff", "Staff accounts: roles and regions");
        staff.Subcommands.Add(set);
        staff.Subcommands.Add(reset);
        staff.Subcommands.Add(list);
        return staff;
    }
}
