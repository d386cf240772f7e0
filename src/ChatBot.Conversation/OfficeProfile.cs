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

    /// <summary>
    /// The levels of government this office handles (xa, tinh, trung-uong): a catalogue procedure handled at another
    /// level is told as such. Empty means a commune-level office (cấp xã), the usual one-stop shop.
    /// </summary>
    public IReadOnlyList<string> Levels { get; init; } = [];

    /// <summary>The levels in force: <see cref="Levels"/>, or cấp xã when none are configured.</summary>
    public IReadOnlyList<string> HandledLevels => Levels.Count > 0 ? Levels : ["xa"];

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
