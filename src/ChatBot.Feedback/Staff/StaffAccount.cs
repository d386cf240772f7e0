namespace ChatBot.Feedback.Staff;

public static class StaffRoles
{
    public const string Staff = "staff";
    public const string Admin = "admin";

    public static bool IsKnown(string? role) => role is Staff or Admin;
}

/// <summary>A one-stop-shop officer who signs in to the staff console.</summary>
public sealed record StaffAccount
{
    public required string UserName { get; init; }
    public required string DisplayName { get; init; }
    public required string Role { get; init; }
    public required string PasswordHash { get; init; }
    public int FailedSignIns { get; init; }
    public DateTimeOffset? LockedUntil { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// Carried in the sign-in cookie and compared on every request: a new stamp (sign-out, password reset, role
    /// change, disabling) ends every session of the account at once.
    /// </summary>
    public string SecurityStamp { get; init; } = "";

    /// <summary>A disabled account cannot sign in and its sessions end; an admin can enable it again.</summary>
    public bool Disabled { get; init; }

    public static string NewSecurityStamp() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}

/// <summary>Who did what to which item, and when: every staff action is kept.</summary>
public sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, string Target, string Details);
