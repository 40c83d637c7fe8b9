using System.Globalization;
using System.Security.Claims;
using Doudi.Applications;
using Doudi.Eligibility;
using Doudi.Feeds;
using Doudi.Oversight;
using Doudi.Persistence;
using Doudi.Policy;
using Microsoft.EntityFrameworkCore;

namespace Doudi.Web.Pages.Applications;

/// <summary>The applications workflow in the web host: the official_kin feed beside the database, files outside wwwroot.</summary>
public static class ApplicationServices
{
    public static void Add(IServiceCollection services, DatabaseLocation database)
    {
        services.AddSingleton<IOfficialKin>(new FeedOfficialKin(FeedStore.For(database)));
        services.AddSingleton(CaseFiles.For(database));
        // Amounts on approval and transfer use the figures in force, administrators' additions included.
        services.AddSingleton(sp => new ApplicationWorkflow(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<AuditTrail>(),
            sp.GetRequiredService<IOfficialKin>(), EligibilityEngine.Shipped)
        {
            FiguresInForce = sp.GetRequiredService<EffectiveParameters>().GetAsync,
        });
    }

    /// <summary>The signed-in account as an officer, with its ID number read fresh (for the kin checks).</summary>
    public static async Task<Officer?> OfficerAsync(DoudiDb db, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return null;
        var account = await db.StaffAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        return account is null ? null : new Officer(account.UserName, account.Role, account.RegionCode, account.IdNumber);
    }

    public static string Date(DateOnly? d) => d is { } x ? x.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "—";
}
