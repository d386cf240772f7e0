using System.Text.RegularExpressions;
using ChatBot.Knowledge.Text;

namespace ChatBot.Knowledge.Catalogue;

/// <summary>
/// One member of a <see cref="CatalogueGroup"/> and what tells it apart from the others: its levels, whether it is
/// the variant with a foreign element, and the words its name carries beyond the group's shared name (e.g.
/// "thực hiện tại cấp tỉnh", "có yếu tố nước ngoài") — the catalogue's own words, for a clarify button.
/// </summary>
public sealed record CatalogueVariant(CatalogueRecord Record, IReadOnlyList<string> Levels, bool ForeignElement, string Qualifier);

/// <summary>
/// Records that are near-identical to a resident: the same procedure at several levels, or with and without a
/// foreign element. A caller offers one answer when the group has one member (or the members the office handles),
/// or a clarify whose buttons name the difference — never several identical titles.
/// </summary>
public sealed record CatalogueGroup(string Key, IReadOnlyList<CatalogueVariant> Variants)
{
    public IReadOnlyList<CatalogueRecord> Records => Variants.Select(v => v.Record).ToList();

    public bool IsSingle => Variants.Count == 1;

    public CatalogueVariant VariantOf(CatalogueRecord record) => Variants.First(v => v.Record.Code == record.Code);
}

/// <summary>How records are grouped: the folded name without level qualifiers and "có yếu tố nước ngoài".</summary>
public static partial class CatalogueGrouping
{
    /// <summary>The group key of a name and the qualifier words removed from it (joined by ", ").</summary>
    public static (string Key, string Qualifier, bool ForeignElement) KeyOf(string name)
    {
        var lower = VietnameseText.NormalizeForm(name);
        var qualifiers = new List<string>();
        var foreign = false;
        var stripped = LevelQualifier().Replace(lower, m =>
        {
            qualifiers.Add(m.Groups["q"].Value.Trim());
            return " ";
        });
        stripped = ForeignElement().Replace(stripped, m =>
        {
            foreign = true;
            qualifiers.Insert(0, m.Value.Trim());
            return " ";
        });
        return (string.Join(' ', VietnameseText.FoldedSyllables(stripped)), string.Join(", ", qualifiers), foreign);
    }

    /// <summary>The name without its level qualifier in parentheses: what the procedure is, at whatever level.</summary>
    public static string BaseName(string name) => LevelQualifier().Replace(name.ToLowerInvariant(), " ").Trim();

    /// <summary>
    /// Splits a name into its head (what the procedure is) and its qualifier, which starts at the first "đối với",
    /// "trường hợp", " do ", " theo ", " thuộc ", ";" or "(" after the first three words.
    /// </summary>
    public static (string Head, string Qualifier) HeadAndQualifier(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var match = QualifierStart().Match(name);
        return match.Success ? (name[..match.Index], name[match.Index..]) : (name, "");
    }

    public static IReadOnlyList<CatalogueGroup> Build(IReadOnlyList<CatalogueRecord> records) =>
        records
            .Select(r => (Record: r, Parts: KeyOf(r.Name)))
            .GroupBy(x => x.Parts.Key, StringComparer.Ordinal)
            .Select(g => new CatalogueGroup(g.Key, g
                .OrderBy(x => x.Parts.ForeignElement).ThenBy(x => x.Record.Code, StringComparer.Ordinal)
                .Select(x => new CatalogueVariant(x.Record, x.Record.Levels, x.Parts.ForeignElement, x.Parts.Qualifier))
                .ToList()))
            .ToList();

    // "(thực hiện tại cấp tỉnh)", "(Cấp bộ)", "(thực hiện ở cấp tỉnh)", "(cấp TW)", "(thay thế - cấp bộ)".
    [GeneratedRegex(@"\((?<q>(?:thực hiện (?:tại|ở) |thay thế - )?cấp (?:xã|huyện|tỉnh|tinh|bộ|trung ương|tw))\)", RegexOptions.IgnoreCase)]
    private static partial Regex LevelQualifier();

    // At least three words of head first: "Do …" or "Theo …" at the start is not a qualifier.
    [GeneratedRegex(@"(?<=^\S+\s+\S+\s+\S+.*?)(\s(đối với|trong trường hợp|trường hợp|do|theo|thuộc)\s|;|\()", RegexOptions.IgnoreCase)]
    private static partial Regex QualifierStart();

    [GeneratedRegex(@"\(?có yếu tố nước ngoài\)?", RegexOptions.IgnoreCase)]
    private static partial Regex ForeignElement();
}
