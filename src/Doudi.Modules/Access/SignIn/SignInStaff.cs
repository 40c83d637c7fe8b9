using Doudi.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Access.SignIn;

public sealed record SignInStaff(string UserName, string Password);

/// <summary>Checks a user name and password. A disabled account is refused like a wrong password.</summary>
public static class SignInStaffHandler
{
    public static async Task<StaffAccount?> HandleAsync(DoudiDb db, SignInStaff request, CancellationToken ct = default)
    {
        var name = request.UserName.Trim();
        var account = name.Length == 0 ? null : await db.StaffAccounts.FirstOrDefaultAsync(a => a.UserName == name, ct);
        var result = StaffPasswords.Verify(account, request.Password);
        if (account is null || account.Disabled || result == PasswordVerificationResult.Failed) return null;
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            account.PasswordHash = StaffPasswords.Hash(account, request.Password);
            await db.SaveChangesAsync(ct);
        }
        return account;
    }
}
