using System.Text;
using System.Text.Json.Serialization;
using ChatBot.Knowledge.Documents;

namespace ChatBot.Knowledge.Catalogue;

/// <summary>
/// Time limit and fee of one way of applying (in person, online, by post) as the national catalogue states them.
/// </summary>
public sealed record CatalogueChannel
{
    /// <summary>"Trực tiếp", "Trực tuyến" or "Dịch vụ bưu chính".</summary>
    public required string Channel { get; init; }

    /// <summary>The time limit as given ("7 ngày làm việc"); a bare number when <see cref="TimeUnitMissing"/>; null when not stated.</summary>
    public string? Time { get; init; }

    /// <summary>
    /// The portal's cell lost the time unit (Bộ Tư pháp records read "Trực tuyến1Miễn phí"): say the unit is not
    /// stated instead of printing a bare "1".
    /// </summary>
    public bool TimeUnitMissing { get; init; }

    /// <summary>The structured fee cell ("10,000 Việt Nam Đồng", "Miễn phí"); sometimes wrong, so read it with <see cref="FeeNote"/>.</summary>
    public string? Fee { get; init; }

    /// <summary>The fee description in the portal's parentheses: exemptions, reductions, the real amount when the cell is wrong.</summary>
    public string? FeeNote { get; init; }
}

/// <summary>
/// One procedure of the national catalogue (Cổng Dịch vụ công quốc gia), in the compact form committed under
/// knowledge/catalogue/ (docs/catalogue.md). Immutable.
/// </summary>
public sealed record CatalogueRecord
{
    /// <summary>The attribution every answer from the catalogue must carry, with <see cref="Url"/>.</summary>
    public const string SourceName = "Cổng Dịch vụ công quốc gia";

    /// <summary>Procedure code, e.g. "1.001456".</summary>
    public string Code { get; init; } = "";

    /// <summary>Procedure name, NFC, single-spaced, without a leading "Thủ tục".</summary>
    public string Name { get; init; } = "";

    /// <summary>The record's page on dichvucong.gov.vn: the link for the full text.</summary>
    public string Url { get; init; } = "";

    /// <summary>Levels that handle it: xa, tinh, trung-uong, khac (the guides' level ids).</summary>
    public IReadOnlyList<string> Levels { get; init; } = [];

    /// <summary>Field (lĩnh vực), e.g. "Hộ tịch".</summary>
    public string? Field { get; init; }

    /// <summary>The ministry list the record came from (bo-tu-phap, bo-cong-an, …).</summary>
    public string? Ministry { get; init; }

    /// <summary>The handling (or competent) agency.</summary>
    public string? Agency { get; init; }

    /// <summary>Where applications are received, when the portal gives an address.</summary>
    public string? Address { get; init; }

    /// <summary>Who may apply (đối tượng thực hiện).</summary>
    public string? Applicants { get; init; }

    /// <summary>Conditions (yêu cầu, điều kiện), shortened.</summary>
    public string? Conditions { get; init; }

    /// <summary>Documents to submit, one "- " line each, shortened.</summary>
    public string? Documents { get; init; }

    /// <summary>Steps, shortened.</summary>
    public string? Steps { get; init; }

    public IReadOnlyList<CatalogueChannel> Channels { get; init; } = [];

    /// <summary>What the applicant receives.</summary>
    public string? Result { get; init; }

    /// <summary>Legal texts as "name (code)"; may include superseded ones.</summary>
    public IReadOnlyList<string> LegalBasis { get; init; } = [];

    /// <summary>The id answers cite: "tthc-" + the code with dots as dashes (as imported guides are named).</summary>
    [JsonIgnore]
    public string Id => "tthc-" + Code.Replace('.', '-').ToLowerInvariant();

    /// <summary>True when some channel's time limit lost its unit on the portal.</summary>
    [JsonIgnore]
    public bool TimeUnitMissing => Channels.Any(c => c.TimeUnitMissing);

    /// <summary>
    /// The record's text for one facet (ids in <see cref="Facets"/>), or null when the catalogue has nothing for it.
    /// Per-channel facets (fee, time limit) give one "- channel: …" line per channel; a time whose unit was lost
    /// reads "1 (không ghi đơn vị)" — check <see cref="CatalogueChannel.TimeUnitMissing"/> to word it better.
    /// </summary>
    public string? Facet(string facetId) => facetId switch
    {
        Facets.Documents => Documents,
        Facets.Fee => Lines(Channels.Where(c => c.Fee is not null || c.FeeNote is not null)
            .Select(c => $"- {c.Channel}: {c.Fee ?? "không ghi"}{(c.FeeNote is { } note ? $" ({note})" : "")}")),
        Facets.TimeLimit => Lines(Channels.Where(c => c.Time is not null)
            .Select(c => $"- {c.Channel}: {c.Time}{(c.TimeUnitMissing ? " (không ghi đơn vị)" : "")}")),
        Facets.WhereToApply => Lines(new[]
        {
            Agency is { } agency ? $"Cơ quan thực hiện: {agency}" : null,
            Address is { } address ? $"Nơi tiếp nhận: {address}" : null,
            Channels.Count > 0 ? "Cách nộp: " + string.Join(", ", Channels.Select(c => c.Channel)) : null,
        }.OfType<string>()),
        Facets.Steps => Steps,
        Facets.Eligibility => Lines(new[] { Applicants is { } who ? $"Đối tượng: {who}" : null, Conditions }.OfType<string>()),
        Facets.LegalBasis => Lines(LegalBasis.Select(l => "- " + l)),
        Facets.Result => Result,
        _ => null,
    };

    /// <summary>The facets this record has text for, in the guides' order.</summary>
    [JsonIgnore]
    public IEnumerable<string> FacetIds => Facets.All.Select(f => f.Id).Where(id => Facet(id) is not null);

    private static string? Lines(IEnumerable<string> lines)
    {
        var builder = new StringBuilder();
        foreach (var line in lines)
        {
            builder.Append(builder.Length > 0 ? "\n" : "").Append(line);
        }
        return builder.Length == 0 ? null : builder.ToString();
    }
}
