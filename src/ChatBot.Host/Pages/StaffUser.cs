using System.Security.Claims;
using ChatBot.Feedback.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace ChatBot.Host.Pages;

/// <summary>The signed-in officer as the console sees them: claims in, names out.</summary>
public static class StaffUser
{
    public const string DisplayNameClaim = "display_name";

    public static string UserName(ClaimsPrincipal user) => user?.Identity?.Name ?? "";

    public static string DisplayName(ClaimsPrincipal user) => user?.FindFirst(DisplayNameClaim)?.Value ?? UserName(user!);

    public static Task SignInAsync(HttpContext context, StaffAccount account)
    {
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, account.UserName),
                new Claim(DisplayNameClaim, account.DisplayName),
                new Claim(ClaimTypes.Role, account.Role),
                new Claim(Web.StaffSessions.StampClaim, account.SecurityStamp),
            ],
            CookieAuthenticationDefaults.AuthenticationScheme);
        return context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
    }
}
