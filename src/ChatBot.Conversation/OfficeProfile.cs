using ChatBot.Knowledge.Documents;

namespace ChatBot.Conversation;

/// <summary>The one-stop shop's own contact details, from configuration (section "Office").</summary>
public sealed record OfficeProfile
{
    public string Name { get; init; } = "";
    public string Address { get; init; } = "";
    public string Hours { get; init; } = "";
    public string Hotline { get; init; } = "";
    public string Email { get; init; } = "";

    /// <summary>The province's public-service portal (or the national one).</summary>
    public string Portal { get; init; } = "https://dichvucong.gov.vn";

    /// <summary>True while the values are placeholders that a real office must replace.</summary>
    public bool IsSample { get; init; }

    public IReadOnlyDictionary<string, string> AsPlaceholders() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Placeholders.OfficeName] = Name,
        [Placeholders.OfficeAddress] = Address,
        [Placeholders.OfficeHours] = Hours,
        [Placeholders.OfficeHotline] = Hotline,
        [Placeholders.OfficeEmail] = Email,
        [Placeholders.OfficePortal] = Portal,
    };
}
