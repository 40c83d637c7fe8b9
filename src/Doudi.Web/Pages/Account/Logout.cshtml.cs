using Doudi.Oversight;
using Doudi.Web.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Doudi.Web.Pages.Account;

/// <summary>Sign-out is a POST with the antiforgery token, so another site cannot sign staff out.</summary>
public sealed class LogoutModel(RequestAudit audit) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var name = StaffPrincipal.UserName(User);
        if (name is not null) await audit.AppendAsync(AuditActions.SignOut, "staff:" + name, ct: ct);
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return LocalRedirect("/Account/Login");
    }
}
