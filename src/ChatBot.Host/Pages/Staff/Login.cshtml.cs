using System.Globalization;
using ChatBot.Feedback.Staff;
using ChatBot.Host.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ChatBot.Host.Pages.Staff;

[EnableRateLimiting(SignInThrottle.PerAddressPolicy)]
public sealed class LoginModel(StaffSignIn signIn, SignInThrottle throttle) : PageModel
{
    [BindProperty]
    public string UserName { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Problem { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!throttle.TryAttempt(UserName))
        {
            Problem = "Tài khoản này vừa đăng nhập quá nhiều lần. Vui lòng thử lại sau một phút.";
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = "60";
            return Page();
        }
        var result = await signIn.SignInAsync(UserName, Password, cancellationToken);
        switch (result.Outcome)
        {
            case SignInOutcome.Success:
                await StaffUser.SignInAsync(HttpContext, result.Account!);
                // Only a local path: a crafted ?ReturnUrl= must not send staff to another site after sign-in.
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && ReturnUrl!.StartsWith("/staff", StringComparison.Ordinal) ? ReturnUrl : "/staff");
            case SignInOutcome.LockedOut:
                var until = result.LockedUntil?.ToOffset(TimeSpan.FromHours(7)).ToString("HH:mm", CultureInfo.InvariantCulture);
                Problem = $"Tài khoản tạm khóa do nhập sai nhiều lần. Thử lại sau {until}.";
                break;
            default:
                Problem = "Tên đăng nhập hoặc mật khẩu không đúng.";
                break;
        }
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }
}
