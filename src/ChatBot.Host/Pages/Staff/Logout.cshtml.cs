using ChatBot.Feedback.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChatBot.Host.Pages.Staff;

/// <summary>Signing out gives the account a new security stamp, so a copied cookie stops working too.</summary>
public sealed class LogoutModel(StaffSignIn signIn) : PageModel
{
    public IActionResult OnGet() => Redirect("/staff");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = StaffUser.UserName(User);
        await signIn.SignOutAsync(user, cancellationToken);
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect("/staff/login");
    }
}
