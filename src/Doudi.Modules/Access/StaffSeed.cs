using System.Security.Cryptography;
using Doudi.Kernel;
using Doudi.Oversight;
using Doudi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Access;

/// <summary>The regions demo accounts are assigned to.</summary>
/// <param name="County">The demo county, e.g. 440183.</param>
/// <param name="Township">A township of the demo county, e.g. 440183001: the caseworker's.</param>
/// <param name="OtherTownship">A township of another county: its caseworker shows that scoping works.</param>
public sealed record DemoRegionCodes(string County, string Township, string OtherTownship)
{
    public static DemoRegionCodes Zengcheng { get; } = new("440183", "440183001", "440106001");

    /// <summary>The region `serve` loads (Registry.Demo: 增城区 440118 and its first street, 荔城街道).</summary>
    public static DemoRegionCodes Demo { get; } = new("440118", "440118001", "440106001");
}

/// <summary>An account the seed made or found. Password is null when the account existed already.</summary>
public sealed record SeededAccount(string UserName, string DisplayName, string Role, string RegionCode, string? Password);

/// <summary>Demo staff accounts, one per role, for trying the platform on the demo region.</summary>
public static class StaffSeed
{
    public static async Task<IReadOnlyList<SeededAccount>> EnsureDemoAccountsAsync(DoudiDb db, DemoRegionCodes regions, CancellationToken ct = default)
    {
        var county = RegionCode.Parse(regions.County);
        var wanted = new (string UserName, string DisplayName, string Role, string Region)[]
        {
            ("caseworker", "镇街经办人（演示）", Roles.Caseworker, RegionCode.Parse(regions.Township).Value),
            ("approver", "县级审批人（演示）", Roles.CountyApprover, county.Value),
            ("city", "市级民政（演示）", Roles.CityStaff, county.CityCode),
            ("province", "省级民政（演示）", Roles.ProvinceStaff, RegionCode.Province.Value),
            ("auditor", "审计纪检（演示）", Roles.Auditor, RegionCode.Province.Value),
            ("admin", "数据管理员（演示）", Roles.Administrator, RegionCode.Province.Value),
            ("other-caseworker", "外县经办人（演示）", Roles.Caseworker, RegionCode.Parse(regions.OtherTownship).Value),
        };
        var existing = await db.StaffAccounts.AsNoTracking().Select(a => a.UserName).ToListAsync(ct);
        var result = new List<SeededAccount>();
        foreach (var w in wanted)
        {
            string? password = null;
            if (!existing.Contains(w.UserName))
            {
                password = NewPassword();
                var account = new StaffAccount { UserName = w.UserName, DisplayName = w.DisplayName, Role = w.Role, RegionCode = w.Region, PasswordHash = "" };
                account.PasswordHash = StaffPasswords.Hash(account, password);
                db.StaffAccounts.Add(account);
            }
            result.Add(new SeededAccount(w.UserName, w.DisplayName, w.Role, w.Region, password));
        }
        var created = result.Where(a => a.Password is not null).Select(a => a.UserName).ToList();
        if (created.Count > 0)
        {
            // Saves the accounts and their audit record in one transaction.
            await new AuditTrail(TimeProvider.System).AppendAsync(db,
                new AuditEntry("system", AuditActions.StaffAccountsCreated, "staff_accounts", "demo accounts: " + string.Join(", ", created)), ct);
        }
        return result;
    }

    /// <summary>One line per account for a console: user name, password (or why none is shown), role and region.</summary>
    public static IEnumerable<string> Describe(IReadOnlyList<SeededAccount> accounts) =>
        accounts.Select(a => $"  {a.UserName,-17} {a.Password ?? "(set earlier)",-16} {a.Role,-16} {a.RegionCode}");

    // Random per database, so a demo database copied to a server does not carry a well-known password.
    private static string NewPassword() =>
        "Demo-" + RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyz23456789", 10);
}
