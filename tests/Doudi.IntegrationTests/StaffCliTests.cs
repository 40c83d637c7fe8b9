using System.Text.RegularExpressions;
using Doudi.Access;
using Doudi.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Doudi.IntegrationTests;

/// <summary>A department without the demo gets its administrator and staff from `doudi staff`.</summary>
public partial class StaffCliTests
{
    [GeneratedRegex("password: (\\S+)")]
    private static partial Regex Password();


    [Fact]
    public async Task An_administrator_is_created_with_a_password_that_signs_in_and_bad_fields_are_named()
    {
        var db = Path.Combine(Directory.CreateTempSubdirectory("doudi-staff-").FullName, "d.db");
        var created = await DoudiProcess.RunAsync("--database", db, "staff", "set", "--user", "li.admin", "--name", "李管理", "--role", "administrator", "--region", "440000");
        Assert.Equal(0, created.Code);
        var password = Password().Match(created.Out).Groups[1].Value;
        Assert.Equal(14, password.Length);

        await using (var context = new DatabaseLocation(db, null).Open())
        {
            var account = await context.StaffAccounts.SingleAsync(a => a.UserName == "li.admin");
            Assert.Equal((Roles.Administrator, "440000"), (account.Role, account.RegionCode));
            Assert.Equal(PasswordVerificationResult.Success, StaffPasswords.Verify(account, password));
            Assert.Equal(1, await context.AuditRecords.CountAsync(r => r.Subject == "staff:li.admin"));
        }

        var bad = await DoudiProcess.RunAsync("--database", db, "staff", "set", "--user", "x", "--name", "某", "--role", "boss", "--region", "440999");
        Assert.Equal(2, bad.Code);
        Assert.Contains("--role: 未知角色 boss", bad.Err, StringComparison.Ordinal);
        Assert.Contains("--region: 440999", bad.Err, StringComparison.Ordinal);

        var reset = await DoudiProcess.RunAsync("--database", db, "staff", "reset-password", "--user", "li.admin");
        Assert.Equal(0, reset.Code);
        var missing = await DoudiProcess.RunAsync("--database", db, "staff", "reset-password", "--user", "nobody");
        Assert.Equal(2, missing.Code);
    }
}
