using ChatBot.Feedback.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChatBot.Host.Pages.Staff;

public sealed class LogoutModel(IStaffStore store, TimeProvider clock) : PageModel
{
    public IActionResult OnGet() => Redirect("/staff");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = StaffUser.UserName(User);
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        await store.AppendAuditAsync(new AuditEntry(clock.GetUtcNow(), user, "sign-out", user, ""), cancellationToken);
        return Redirect("/staff/login");
    }
}
