using Doudi.Access.SignIn;
using Doudi.Oversight;
using Doudi.Persistence;
using Doudi.Web.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Doudi.Web.Pages.Account;

public sealed class LoginModel(DoudiDb db, RequestAudit audit) : PageModel
{
    [BindProperty]
    public string UserName { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var account = await SignInStaffHandler.HandleAsync(db, new SignInStaff(UserName ?? "", Password ?? ""), ct);
        if (account is null)
        {
            await audit.AppendAsync(AuditActions.SignInRefused, "staff:" + UserName, actor: UserName ?? "", ct: ct);
            // One message for a wrong name and a wrong password: the page does not confirm user names.
            Error = "用户名或密码错误";
            Password = "";
            return Page();
        }
        var principal = await StaffPrincipal.CreateAsync(db, account, ct);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        await audit.AppendAsync(AuditActions.SignIn, "staff:" + account.UserName, actor: account.UserName, ct: ct);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
