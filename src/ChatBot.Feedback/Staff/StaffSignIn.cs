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
    public int MaxFailedSignIns { get; init; } = 5;
    public TimeSpan LockoutDuration { get; init; } = TimeSpan.FromMinutes(15);
}

/// <summary>Checks staff credentials and locks an account after repeated failures.</summary>
public sealed class StaffSignIn(IStaffStore store, StaffSignInOptions options, TimeProvider clock)
{
    // Verifying against a real hash when the user is unknown keeps the answer time the same either way.
    private static readonly string DecoyHash = PasswordHashing.Hash(Guid.NewGuid().ToString());

    public async Task<SignInResult> SignInAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var account = await store.FindAccountAsync(Normalize(userName), cancellationToken).ConfigureAwait(false);
        if (account is null)
        {
            PasswordHashing.Verify(password, DecoyHash);
            return new SignInResult(SignInOutcome.WrongCredentials, null);
        }
        if (account.LockedUntil is { } locked && locked > now)
        {
            return new SignInResult(SignInOutcome.LockedOut, null, locked);
        }
        if (!PasswordHashing.Verify(password, account.PasswordHash))
        {
            var failures = account.FailedSignIns + 1;
            var lockUntil = failures >= options.MaxFailedSignIns ? now + options.LockoutDuration : (DateTimeOffset?)null;
            await store.UpdateAccountAsync(account with { FailedSignIns = lockUntil is null ? failures : 0, LockedUntil = lockUntil }, cancellationToken).ConfigureAwait(false);
            await store.AppendAuditAsync(new AuditEntry(now, account.UserName, lockUntil is null ? "sign-in-failed" : "locked-out", account.UserName, $"failures={failures}"), cancellationToken).ConfigureAwait(false);
            return lockUntil is null ? new SignInResult(SignInOutcome.WrongCredentials, null) : new SignInResult(SignInOutcome.LockedOut, null, lockUntil);
        }
        if (account.FailedSignIns > 0 || account.LockedUntil is not null)
        {
            account = account with { FailedSignIns = 0, LockedUntil = null };
            await store.UpdateAccountAsync(account, cancellationToken).ConfigureAwait(false);
        }
        await store.AppendAuditAsync(new AuditEntry(now, account.UserName, "sign-in", account.UserName, ""), cancellationToken).ConfigureAwait(false);
        return new SignInResult(SignInOutcome.Success, account);
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
        };
        if (!await store.AddAccountAsync(account, cancellationToken).ConfigureAwait(false))
        {
            return "Tên đăng nhập này đã có.";
        }
        await store.AppendAuditAsync(new AuditEntry(now, actor, "account-added", name, $"role={role}"), cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>An admin sets a new password; the account is unlocked. Returns a problem in Vietnamese or null.</summary>
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
        await store.UpdateAccountAsync(account with { PasswordHash = PasswordHashing.Hash(password), FailedSignIns = 0, LockedUntil = null }, cancellationToken).ConfigureAwait(false);
        await store.AppendAuditAsync(new AuditEntry(clock.GetUtcNow(), actor, "password-reset", account.UserName, "unlocked"), cancellationToken).ConfigureAwait(false);
        return null;
    }

    public static string Normalize(string? userName) => (userName ?? "").Trim().ToLowerInvariant();
}
