using System.Globalization;
using System.Security.Claims;
using Doudi.Access;
using Doudi.Kernel;
using Doudi.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Web.Access;

/// <summary>
/// The signed-in member of staff as cookie claims: account id, user name, role and region. The region
/// decides the data scope of every request (<see cref="ScopePrefix"/>).
/// </summary>
public static class StaffPrincipal
{
    public const string RegionClaim = "doudi:region";
    public const string RegionNameClaim = "doudi:region_name";
    public const string DisplayNameClaim = "doudi:display_name";

    public static async Task<ClaimsPrincipal> CreateAsync(DoudiDb db, StaffAccount account, CancellationToken ct)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, account.UserName),
            new(ClaimTypes.Role, account.Role),
            new(RegionClaim, account.RegionCode),
            new(RegionNameClaim, await RegionNameAsync(db, account.RegionCode, ct)),
            new(DisplayNameClaim, account.DisplayName),
        };
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    /// <summary>
    /// The region prefix the request may see. Not signed in, or a region that does not parse: nothing
    /// (never "everything", which is what an empty prefix means).
    /// </summary>
    public static string ScopePrefix(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true) return DoudiDb.NothingInScope;
        return RegionCode.TryParse(user.FindFirstValue(RegionClaim), out var region) ? region.ScopePrefix : DoudiDb.NothingInScope;
    }

    public static string? UserName(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.Name) : null;

    /// <summary>
    /// Re-reads the account on every request: a disabled account, or one whose role or region changed,
    /// loses its cookie at once instead of when it expires.
    /// </summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context, DatabaseLocation database)
    {
        var principal = context.Principal;
        if (!long.TryParse(principal?.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            await RejectAsync(context);
            return;
        }
        await using var db = database.Open();
        var account = await db.StaffAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, context.HttpContext.RequestAborted);
        if (account is null || account.Disabled
            || account.Role != principal!.FindFirstValue(ClaimTypes.Role)
            || account.RegionCode != principal.FindFirstValue(RegionClaim))
        {
            await RejectAsync(context);
        }
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    private static async Task<string> RegionNameAsync(DoudiDb db, string code, CancellationToken ct)
    {
        if (!RegionCode.TryParse(code, out var region)) return code;
        var catalog = RegionCatalog.Guangdong2022;
        switch (region.Level)
        {
            case RegionLevel.Province:
                return "广东省";
            case RegionLevel.City:
                return catalog.CityName(region.Value) ?? code;
            case RegionLevel.County when catalog.FindCounty(region.Value) is { } county:
                return county.CityName + county.Name;
        }
        var name = await db.Regions.AsNoTracking().Where(r => r.Code == code).Select(r => r.Name).FirstOrDefaultAsync(ct);
        return name ?? code;
    }
}
