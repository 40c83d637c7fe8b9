using Microsoft.AspNetCore.Identity;

namespace Doudi.Access;

/// <summary>
/// Passwords are stored only as ASP.NET Core Identity hashes (PBKDF2 with a per-password salt), never in
/// clear and never reversibly.
/// </summary>
public static class StaffPasswords
{
    private static readonly PasswordHasher<StaffAccount> Hasher = new();

    // Verified when the user name is unknown, so a wrong name costs as long as a wrong password.
    private static readonly string DecoyHash = Hasher.HashPassword(null!, Guid.NewGuid().ToString("N"));

    public static string Hash(StaffAccount account, string password) => Hasher.HashPassword(account, password);

    public static PasswordVerificationResult Verify(StaffAccount? account, string password)
    {
        if (account is null)
        {
            Hasher.VerifyHashedPassword(null!, DecoyHash, password);
            return PasswordVerificationResult.Failed;
        }
        return Hasher.VerifyHashedPassword(account, account.PasswordHash, password);
    }
}
