using ChatBot.Feedback.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChatBot.Host.Pages.Staff.Admin;

/// <summary>Admins add staff accounts, reset passwords, change roles and disable accounts; the list shows who is locked out.</summary>
public sealed class AccountsModel(IStaffStore store, StaffSignIn signIn) : PageModel
{
    public IReadOnlyList<StaffAccount> Accounts { get; private set; } = [];

    [BindProperty]
    public string UserName { get; set; } = "";

    [BindProperty]
    public string DisplayName { get; set; } = "";

    [BindProperty]
    public string Role { get; set; } = StaffRoles.Staff;

    [BindProperty]
    public string Password { get; set; } = "";

    public string? Problem { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Accounts = await store.ListAccountsAsync(cancellationToken);

    public async Task<IActionResult> OnPostResetAsync(string account, string newPassword, CancellationToken cancellationToken)
    {
        Problem = await signIn.ResetPasswordAsync(account, newPassword, StaffUser.UserName(User), cancellationToken);
        if (Problem is not null)
        {
            Accounts = await store.ListAccountsAsync(cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Notice = $"Đã đặt lại mật khẩu và mở khóa {StaffSignIn.Normalize(account)}; các phiên đăng nhập cũ đã kết thúc.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRoleAsync(string account, string role, CancellationToken cancellationToken)
    {
        Problem = await signIn.ChangeRoleAsync(account, role, StaffUser.UserName(User), cancellationToken);
        return await AfterAsync($"Đã đổi vai trò của {StaffSignIn.Normalize(account)}; các phiên đăng nhập của tài khoản này đã kết thúc.", cancellationToken);
    }

    public async Task<IActionResult> OnPostDisableAsync(string account, bool disabled, CancellationToken cancellationToken)
    {
        Problem = await signIn.SetDisabledAsync(account, disabled, StaffUser.UserName(User), cancellationToken);
        var name = StaffSignIn.Normalize(account);
        return await AfterAsync(disabled ? $"Đã vô hiệu hóa tài khoản {name}; mọi phiên đăng nhập của tài khoản này đã kết thúc." : $"Đã kích hoạt lại tài khoản {name}.", cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(string notice, CancellationToken cancellationToken)
    {
        if (Problem is not null)
        {
            Accounts = await store.ListAccountsAsync(cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Notice = notice;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Problem = await signIn.AddAccountAsync(UserName, DisplayName, Role, Password, StaffUser.UserName(User), cancellationToken);
        if (Problem is not null)
        {
            Accounts = await store.ListAccountsAsync(cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Notice = $"Đã thêm tài khoản {StaffSignIn.Normalize(UserName)}.";
        return RedirectToPage();
    }
}
