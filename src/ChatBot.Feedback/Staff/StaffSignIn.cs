namespace ChatBot.Feedback.Staff;

public enum SignInOutcome
{
    Success,
    WrongCredentials,
    LockedOut,
}

public sealed record SignInResult(SignInOutcome Outcome, StaffAccount? Account, DateTimeOffset? LockedUntil = null);

public sealed record StaffSignInOptions
{
    /// <summary>Password checks allowed in <see cref="FailureWindow"/> before the account locks.</summary>
    public int MaxFailedSignIns { get; init; } = 5;

    public TimeSpan LockoutDuration { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Failures are counted while the gap between attempts stays under this; an older count is forgotten.</summary>
    public TimeSpan FailureWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Sign-in form posts per client address per minute (ASP.NET Core rate limiting; 429 beyond).</summary>
    public int PerAddressPerMinute { get; init; } = 30;

    /// <summary>Sign-in form posts per user name per minute, from any address.</summary>
    public int PerAccountPerMinute { get; init; } = 10;
}

/// <summary>
/// Checks staff credentials and locks an account after repeated failures. Each password check is first reserved
/// by one atomic update in the database, so parallel guesses cannot check more passwords than the limit.
/// </summary>
public sealed class StaffSignIn(IStaffStore store, StaffSignInOptions options, TimeProvider clock)
{
    // Verifying against a real hash when the user is unknown keeps the answer time the same either way.
    private static readonly string DecoyHash = PasswordHashing.Hash(Guid.NewGuid().ToString());

    public async Task<SignInResult> SignInAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var name = Normalize(userName);
        var account = await store.FindAccountAsync(name, cancellationToken).ConfigureAwait(false);
        if (account is null || account.Disabled)
        {
            PasswordHashing.Verify(password ?? "", DecoyHash);
            return new SignInResult(SignInOutcome.WrongCredentials, null);
        }
        var check = await store.ReserveSignInCheckAsync(name, options.MaxFailedSignIns, now, now - options.FailureWindow, cancellationToken).ConfigureAwait(false);
        if (check is not { } number)
        {
            var current = await store.FindAccountAsync(name, cancellationToken).ConfigureAwait(false);
            if (current is null || current.Disabled)
            {
                return new SignInResult(SignInOutcome.WrongCredentials, null);
            }
            await store.AppendAuditAsync(new AuditEntry(now, name, "sign-in-refused-locked", name, ""), cancellationToken).ConfigureAwait(false);
            return new SignInResult(SignInOutcome.LockedOut, null, current.LockedUntil is { } until && until > now ? until : now + options.LockoutDuration);
        }
        if (!PasswordHashing.Verify(password ?? "", account.PasswordHash))
        {
            var lockUntil = number >= options.MaxFailedSignIns ? now + options.LockoutDuration : (DateTimeOffset?)null;
            if (lockUntil is { } until)
            {
                await store.LockAccountAsync(name, until, cancellationToken).ConfigureAwait(false);
            }
            await store.AppendAuditAsync(new AuditEntry(now, name, lockUntil is null ? "sign-in-failed" : "locked-out", name, $"failures={number}"), cancellationToken).ConfigureAwait(false);
            return lockUntil is null ? new SignInResult(SignInOutcome.WrongCredentials, null) : new SignInResult(SignInOutcome.LockedOut, null, lockUntil);
        }
        await store.ReleaseSignInCheckAsync(name, cancellationToken).ConfigureAwait(false);
        await store.AppendAuditAsync(new AuditEntry(now, name, "sign-in", name, ""), cancellationToken).ConfigureAwait(false);
        return new SignInResult(SignInOutcome.Success, account);
    }

    /// <summary>Signing out ends every session of the account, not only this browser's.</summary>
    public async Task SignOutAsync(string userName, CancellationToken cancellationToken)
    {
        var name = Normalize(userName);
        await store.RenewSecurityStampAsync(name, cancellationToken).ConfigureAwait(false);
        await store.AppendAuditAsync(new AuditEntry(clock.GetUtcNow(), name, "sign-out", name, "sessions-ended"), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An admin changes an account's role; its sessions end. Returns a problem in Vietnamese or null.</summary>
    public async Task<string?> ChangeRoleAsync(string userName, string role, string actor, CancellationToken cancellationToken)
    {
        if (!StaffRoles.IsKnown(role))
        {
            return "Vai trò phải là staff hoặc admin.";
        }
        var name = Normalize(userName);
        if (name == Normalize(actor))
        {
            return "Không thể tự đổi vai trò của chính mình.";
        }
        var account = await store.FindAccountAsync(name, cancellationToken).ConfigureAwait(false);
        if (account is null)
        {
            return "Không có tài khoản này.";
        }
        await store.UpdateAccountAsync(account with { Role = role, SecurityStamp = StaffAccount.NewSecurityStamp() }, cancellationToken).ConfigureAwait(false);
        await store.AppendAuditAsync(new AuditEntry(clock.GetUtcNow(), actor, "role-changed", name, $"role={role}; sessions-ended"), cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>An admin disables (or enables again) an account; disabling ends its sessions. Returns a problem or null.</summary>
    public async Task<string?> SetDisabledAsync(string userName, bool disabled, string actor, CancellationToken cancellationToken)
    {
        var name = Normalize(userName);
        if (disabled && name == Normalize(actor))
        {
            return "Không thể tự vô hiệu hóa tài khoản của chính mình.";
        }
        var account = await store.FindAccountAsync(name, cancellationToken).ConfigureAwait(false);
        if (account is null)
        {
            return "Không có tài khoản này.";
        }
        await store.UpdateAccountAsync(account with { Disabled = disabled, SecurityStamp = StaffAccount.NewSecurityStamp(), FailedSignIns = 0, LockedUntil = null }, cancellationToken).ConfigureAwait(false);
        await store.AppendAuditAsync(new AuditEntry(clock.GetUtcNow(), actor, disabled ? "account-disabled" : "account-enabled", name, disabled ? "sessions-ended" : ""), cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>Creates an account (the first admin comes from the CLI); returns a problem in Vietnamese or null.</summary>
    public async Task<string?> AddAccountAsync(string userName, string displayName, string role, string password, string actor, CancellationToken cancellationToken)
    {
        var name = Normalize(userName);
        if (name.Length is < 2 or > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
        {
            return "Tên đăng nhập chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới (2–64 ký tự).";
        }
        if (!StaffRoles.IsKnown(role))
        {
            return "Vai trò phải là staff hoặc admin.";
        }
        if (PasswordHashing.Problem(password) is { } problem)
        {
            return problem;
        }
        var now = clock.GetUtcNow();
        var account = new StaffAccount
        {
            UserName = name,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? name : displayName.Trim(),
            Role = role,
            PasswordHash = PasswordHashing.Hash(password),
            CreatedAt = now,
            SecurityStamp = StaffAccount.NewSecurityStamp(),
        };
        if (!await store.AddAccountAsync(account, cancellationToken).ConfigureAwait(false))
        {
            return "Tên đăng nhập này đã có.";
        }
        await store.AppendAuditAsync(new AuditEntry(now, actor, "account-added", name, $"role={role}"), cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>An admin sets a new password; the account is unlocked and its sessions end. Returns a problem in Vietnamese or null.</summary>
    public async Task<string?> ResetPasswordAsync(string userName, string password, string actor, CancellationToken cancellationToken)
    {
        if (PasswordHashing.Problem(password) is { } problem)
        {
            return problem;
        }
        var account = await store.FindAccountAsync(Normalize(userName), cancellationToken).ConfigureAwait(false);
        if (account is null)
        {
            return "Không có tài khoản này.";
        }
        await store.UpdateAccountAsync(account with { PasswordHash = PasswordHashing.Hash(password), FailedSignIns = 0, LockedUntil = null, SecurityStamp = StaffAccount.NewSecurityStamp() }, cancellationToken).ConfigureAwait(false);
        await store.AppendAuditAsync(new AuditEntry(clock.GetUtcNow(), actor, "password-reset", account.UserName, "unlocked; sessions-ended"), cancellationToken).ConfigureAwait(false);
        return null;
    }

    public static string Normalize(string? userName) => (userName ?? "").Trim().ToLowerInvariant();
}
