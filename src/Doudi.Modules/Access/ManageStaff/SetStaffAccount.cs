using System.Security.Cryptography;
using Doudi.Kernel;
using Doudi.Oversight;
using Doudi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Access.ManageStaff;

/// <summary>Creates a staff account, or changes an existing one's role, region and name.</summary>
public sealed record SetStaffAccount(string UserName, string DisplayName, string Role, string RegionCode, string? IdNumber);

/// <summary>The account as saved and, when one was set, its new password (shown once, never stored in clear).</summary>
public sealed record StaffAccountResult(StaffAccount Account, bool Created, string? NewPassword);

/// <summary>
/// How a department gets its first administrator and its staff without the demo: `doudi staff set` and
/// `doudi staff reset-password`. Every change is audited; problems come back in Chinese, one per field.
/// </summary>
public sealed class SetStaffAccountHandler(DoudiDb db, TimeProvider clock)
{
    public async Task<(StaffAccountResult? Result, IReadOnlyList<string> Problems)> Handle(SetStaffAccount command, string actor, CancellationToken ct)
    {
        var problems = Validate(command, DateOnly.FromDateTime(clock.GetLocalNow().DateTime));
        if (problems.Count > 0) return (null, problems);
        var account = await db.StaffAccounts.FirstOrDefaultAsync(a => a.UserName == command.UserName, ct);
        var created = account is null;
        string? password = null;
        if (account is null)
        {
            password = NewPassword();
            account = new StaffAccount { UserName = command.UserName, DisplayName = command.DisplayName, Role = command.Role, RegionCode = command.RegionCode, PasswordHash = "" };
            account.PasswordHash = StaffPasswords.Hash(account, password);
            db.StaffAccounts.Add(account);
        }
        account.DisplayName = command.DisplayName;
        account.Role = command.Role;
        account.RegionCode = command.RegionCode;
        account.IdNumber = command.IdNumber is null ? account.IdNumber : IdNumber.TryParse(command.IdNumber, DateOnly.MaxValue).Id!.Value.Value;
        await new AuditTrail(clock).AppendAsync(db, new AuditEntry(actor, created ? AuditActions.StaffAccountCreated : AuditActions.StaffAccountChanged,
            "staff:" + command.UserName, $"role={command.Role}; region={command.RegionCode}"), ct);
        return (new StaffAccountResult(account, created, password), []);
    }

    public async Task<StaffAccountResult?> ResetPassword(string userName, string actor, CancellationToken ct)
    {
        var account = await db.StaffAccounts.FirstOrDefaultAsync(a => a.UserName == userName, ct);
        if (account is null) return null;
        var password = NewPassword();
        account.PasswordHash = StaffPasswords.Hash(account, password);
        await new AuditTrail(clock).AppendAsync(db, new AuditEntry(actor, AuditActions.StaffPasswordReset, "staff:" + userName), ct);
        return new StaffAccountResult(account, false, password);
    }

    public static List<string> Validate(SetStaffAccount command, DateOnly today)
    {
        var problems = new List<string>();
        if (command.UserName.Length is 0 or > 64 || !command.UserName.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            problems.Add("--user: 用户名须为 1–64 个字母、数字或 - _ .");
        if (string.IsNullOrWhiteSpace(command.DisplayName) || command.DisplayName.Length > 50)
            problems.Add("--name: 姓名不能为空，最多 50 个字");
        if (!Roles.All.Contains(command.Role))
            problems.Add($"--role: 未知角色 {command.Role}，可选 {string.Join(" ", Roles.All)}");
        if (!IsKnownRegion(command.RegionCode))
            problems.Add($"--region: {command.RegionCode} 不是省（440000）、市、县（区）代码，也不是县代码加 3 位的乡镇（街道）代码");
        if (command.IdNumber is not null && IdNumber.TryParse(command.IdNumber, today).Error is { } error)
            problems.Add("--id-number: " + error);
        return problems;
    }

    private static bool IsKnownRegion(string code)
    {
        if (!Kernel.RegionCode.TryParse(code, out var region) || region.Value.Length == 12) return false;
        var catalog = RegionCatalog.Guangdong2022;
        return region.Level switch
        {
            RegionLevel.Province => region.Value == Kernel.RegionCode.Province.Value,
            RegionLevel.City => catalog.CityName(region.Value) is not null,
            _ => catalog.IsCounty(region.CountyCode),
        };
    }

    private static string NewPassword() => RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 14);
}
