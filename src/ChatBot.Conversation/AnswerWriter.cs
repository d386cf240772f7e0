using System.Globalization;
using System.Text;
using ChatBot.Conversation.Prompts;
using ChatBot.Conversation.Turns;
using ChatBot.Feedback;
using ChatBot.Knowledge.Catalogue;
using ChatBot.Knowledge.Documents;
using ChatBot.Knowledge.Retrieval;
using ChatBot.Knowledge.Text;

namespace ChatBot.Conversation;

/// <summary>
/// Words a decision for the resident: every sentence comes from prompts/ or the knowledge, with the office's
/// details filled in; nothing here decides what to answer.
/// </summary>
public sealed class AnswerWriter(PromptLibrary prompts, OfficeProfile office, AssistantOptions options, QuestionRecords records)
{
    /// <summary>Besides the answer's own source, this many runners-up are listed in its sources.</summary>
    public const int RunnerUpSources = 2;

    /// <summary>A clarifying question lists at least this many sources (its options first).</summary>
    public const int MinClarifySources = 3;

    /// <summary>At most this many "next facet" buttons follow an answer (plus the way to a person).</summary>
    public const int NextFacetButtons = 3;

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>The facets offered after an answer, in this order of preference.</summary>
    private static readonly string[] PreferredNextFacets = [Facets.Documents, Facets.Fee, Facets.WhereToApply, Facets.TimeLimit, Facets.Steps, Facets.Eligibility];

    private readonly IReadOnlyDictionary<string, string> officeValues = office.AsPlaceholders();

    public PromptLibrary Prompts => prompts;

    public IReadOnlyDictionary<string, string> OfficeValues => officeValues;

    public TurnOutput Welcome() => new()
    {
        Kind = AnswerKinds.Smalltalk,
        Messages =
        [
            new BotMessage(prompts.Render("welcome", officeValues), []),
            new BotMessage(prompts.Render("privacy-notice", officeValues), prompts.Labels.Welcome),
        ],
    };

    public TurnOutput Empty() => Simple(AnswerKinds.Smalltalk, prompts.Render("empty", officeValues), prompts.Labels.Welcome);

    public TurnOutput TooLong(TurnInput input, string text) =>
        Simple(AnswerKinds.NoAnswer, prompts.Render("too-long", With(("max_chars", options.MaxMessageChars.ToString("N0", Vietnamese)))), [], records.Build(input, text, AnswerKinds.NoAnswer, reason: "too-long"));

    /// <summary>A social turn, or one of the requests that are never served.</summary>
    public TurnOutput Social(SocialIntent intent, TurnInput input, string text, string? topicId) => intent switch
    {
        SocialIntent.Handoff => Simple(AnswerKinds.Handoff, prompts.Render("handoff", officeValues), [], records.Build(input, text, AnswerKinds.Handoff, reason: "asked-for-staff", documentId: topicId)),
        SocialIntent.OthersData => NoAnswer(input, text, null, "others-personal-data"),
        SocialIntent.Injection => NoAnswer(input, text, null, "instruction-injection"),
        SocialIntent.Fraud => Decline("decline-harm", input, text, "fraud"),
        SocialIntent.Abuse => Decline("decline-abuse", input, text, "abuse"),
        SocialIntent.Political => Decline("decline-political", input, text, "political"),
        SocialIntent.Greeting => Simple(AnswerKinds.Smalltalk, prompts.Render("smalltalk-greeting", officeValues), prompts.Labels.Welcome, records.Build(input, text, AnswerKinds.Smalltalk)),
        SocialIntent.Thanks => Simple(AnswerKinds.Smalltalk, prompts.Render("smalltalk-thanks", officeValues), [], records.Build(input, text, AnswerKinds.Smalltalk)),
        SocialIntent.AboutBot => Simple(AnswerKinds.Smalltalk, prompts.Render("smalltalk-about", officeValues), prompts.Labels.Welcome, records.Build(input, text, AnswerKinds.Smalltalk)),
        _ => throw new ArgumentOutOfRangeException(nameof(intent), intent, "not a social intent"),
    };

    /// <summary>The answer from a document: the facet's section when it has one, else its overview.</summary>
    /// <returns>The reply and the facet actually shown (null when the overview was shown).</returns>
    public (TurnOutput Output, string? UsedFacet) Answer(TurnInput input, string text, KnowledgeDocument document, string? facet, RetrievalResult retrieval)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(retrieval);
        var (message, usedFacet, link) = Compose(document, facet, VietnamTime.Today(input.At));
        var suggestions = document.Kind == DocumentKind.Procedure
            ? NextFacets(document, usedFacet).Append(prompts.Labels.Handoff).ToList()
            : [prompts.Labels.Handoff];
        var score = retrieval.Candidates.FirstOrDefault(c => c.Document.Id == document.Id)?.Score ?? 0;
        // The answer's own source first, then the runners-up, so callers see what else was considered.
        var sources = new List<SourceRef> { new(document.Id, usedFacet, document.Title, link.Url, Math.Round(score, 3)) };
        sources.AddRange(retrieval.Candidates.Where(c => c.Document.Id != document.Id).Take(RunnerUpSources).Select(c => Source(c, null)));
        var output = new TurnOutput
        {
            Kind = AnswerKinds.Answer,
            Messages = [new BotMessage(message, suggestions)],
            Sources = sources,
            Record = records.Build(input, text, AnswerKinds.Answer, documentId: document.Id, facet: usedFacet, retrieval: retrieval),
        };
        return (output, usedFacet);
    }

    /// <summary>The text a resident sees for one document and facet: heading, body, online note, source and date.</summary>
    /// <param name="today">Vietnam's date: lines of time-bound facts that lapsed before it are left out.</param>
    public (string Message, string? UsedFacet, SourceLink Link) Compose(KnowledgeDocument document, string? facet, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(document);
        var (body, usedFacet, link) = Passage(document, facet, today);
        var heading = PassageTitle(document, usedFacet);
        var onlineNote = document.Kind == DocumentKind.Procedure && usedFacet is null or Facets.WhereToApply or Facets.Steps
            ? OnlineNote(document, link)
            : "";
        var message = prompts.Render("answer", With(
            ("heading", heading),
            ("body", Shorten(body)),
            ("online_note", onlineNote),
            ("source_title", link.Title),
            ("source_url", link.Url),
            ("checked", document.Checked?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? prompts.Render("checked-unknown", officeValues))));
        return (message, usedFacet, link);
    }

    /// <summary>
    /// The facts an answer about one document and facet shows, uncut: the facet's section when it has one, else the
    /// overview (or the FAQ answer), with the office's details filled in and lapsed time-bound lines left out.
    /// </summary>
    public (string Body, string? UsedFacet, SourceLink Link) Passage(KnowledgeDocument document, string? facet, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(document);
        var section = facet is null || document.Kind != DocumentKind.Procedure ? null : document.Section(facet);
        var link = document.Links.FirstOrDefault() ?? new SourceLink(prompts.Render("portal-title", officeValues), office.Portal);
        // Guides, their sections and FAQ answers may name the office ({{office.name}}…); filled here, for every kind.
        var body = Placeholders.Fill(
            Placeholders.ApplyValidity(section is not null ? section.Text : document.Kind == DocumentKind.Procedure ? Overview(document) : document.Answer, today),
            officeValues);
        return (body, section?.FacetId, link);
    }

    /// <summary>A document's title, with the facet's label when one section is shown.</summary>
    public string PassageTitle(KnowledgeDocument document, string? usedFacet)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Placeholders.Fill(usedFacet is null ? document.Title : $"{document.Title} — {Facets.Label(usedFacet)}", officeValues);
    }

    /// <summary>A checked model answer with the titles and links of the passages it cites, numbered as cited.</summary>
    public string GroundedAnswer(string body, IReadOnlyList<(string Title, string Url)> cited)
    {
        ArgumentNullException.ThrowIfNull(cited);
        var sources = string.Join("\n", cited.Select((c, i) => $"{i + 1}. [{c.Title}]({c.Url})"));
        return prompts.Render("llm-answer", With(("body", body), ("sources", sources)));
    }

    public TurnOutput Clarify(TurnInput input, string text, IReadOnlyList<DocumentCandidate> close, RetrievalResult retrieval)
    {
        ArgumentNullException.ThrowIfNull(close);
        ArgumentNullException.ThrowIfNull(retrieval);
        return new()
        {
            // Buttons offer the close options; the sources list them first, then the runners-up (up to three), as answers do.
            Kind = AnswerKinds.Clarify,
            Messages = [new BotMessage(prompts.Render("clarify", officeValues), close.Select(c => c.Document.Title).Append(prompts.Labels.Handoff).ToList())],
            // The facet asked about applies to whichever option the resident picks (the answer shows that section).
            Sources = close.Concat(retrieval.Candidates.Where(c => !close.Contains(c))).Take(Math.Max(MinClarifySources, close.Count))
                .Select(c => Source(c, retrieval.Facet is { } f && c.Document.Section(f) is not null ? f : null)).ToList(),
            Record = records.Build(input, text, AnswerKinds.Clarify, reason: "ambiguous", retrieval: retrieval),
        };
    }

    public TurnOutput NoAnswer(TurnInput input, string text, RetrievalResult? retrieval, string reason) => new()
    {
        Kind = AnswerKinds.NoAnswer,
        Messages = [new BotMessage(prompts.Render("no-answer", officeValues), prompts.Labels.NoAnswer)],
        Record = records.Build(input, text, AnswerKinds.NoAnswer, reason: reason, retrieval: retrieval),
    };

    /// <summary>How the catalogue's level ids read in an answer.</summary>
    private static readonly Dictionary<string, string> LevelNames = new(StringComparer.Ordinal)
    {
        ["xa"] = "cấp xã",
        ["tinh"] = "cấp tỉnh",
        ["trung-uong"] = "cấp bộ, ngành trung ương",
        ["khac"] = "cơ quan chuyên ngành",
    };

    /// <summary>
    /// An answer from a national catalogue record: the facet asked (or where and how to apply), shortened for a phone,
    /// with the portal link, a plain line that local details may differ, and the level that handles it when it is not
    /// the office's own.
    /// </summary>
    public (TurnOutput Output, string? UsedFacet) CatalogueAnswer(TurnInput input, string text, CatalogueDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var record = decision.Record;
        var usedFacet = decision.Facet is { } f && record.Facet(f) is not null ? f : null;
        var body = usedFacet is not null ? record.Facet(usedFacet)! : CatalogueOverview(record);
        if (usedFacet == Facets.TimeLimit && record.TimeUnitMissing)
        {
            body += "\n\n" + prompts.Render("catalogue-unit-missing", officeValues);
        }
        var levelNote = record.Levels.Count > 0 && !record.Levels.Intersect(office.HandledLevels).Any()
            ? prompts.Render("catalogue-level", With(("levels", string.Join(", ", record.Levels.Select(l => LevelNames.GetValueOrDefault(l, l))))))
            : "";
        var name = record.Name.Length > 0 ? char.ToUpper(record.Name[0], Vietnamese) + record.Name[1..] : record.Name;
        var message = prompts.Render("catalogue-answer", With(
            ("heading", usedFacet is null ? name : $"{name} — {Facets.Label(usedFacet)}"),
            ("body", Cut(body, options.CatalogueAnswerChars)),
            ("level_note", levelNote),
            ("source_title", CatalogueRecord.SourceName),
            ("source_url", record.Url)));
        var suggestions = PreferredNextFacets
            .Where(facet => facet != usedFacet && record.Facet(facet) is not null && prompts.Labels.Facets.ContainsKey(facet))
            .Take(NextFacetButtons)
            .Select(facet => prompts.Labels.Facets[facet])
            .Concat(decision.Others.Select(o => o.Name))
            .Append(prompts.Labels.Handoff)
            .ToList();
        var sources = new List<SourceRef> { new(record.Id, usedFacet, record.Name, record.Url, Math.Round(decision.Score, 3)) };
        sources.AddRange(decision.Others.Select(o => new SourceRef(o.Id, null, o.Name, o.Url, 0)));
        var output = new TurnOutput
        {
            Kind = AnswerKinds.Answer,
            Messages = [new BotMessage(message, suggestions)],
            Sources = sources,
            Record = records.Build(input, text, AnswerKinds.Answer, reason: "catalogue", documentId: record.Id, facet: usedFacet, retrieval: decision.Retrieval),
        };
        return (output, usedFacet);
    }

    private static string CatalogueOverview(CatalogueRecord record) =>
        string.Join("\n", new[] { record.Field is { } field ? $"- Lĩnh vực: {field}" : null, record.Facet(Facets.WhereToApply) is { } where ? "- " + where.Replace("\n", "\n- ", StringComparison.Ordinal) : null }.OfType<string>());

    /// <summary>Cut at the last line break before <paramref name="max"/> characters, with the "see the source" note.</summary>
    private string Cut(string body, int max)
    {
        if (body.Length <= max)
        {
            return body;
        }
        var cut = body.LastIndexOf('\n', max);
        return body[..(cut > max / 2 ? cut : max)].TrimEnd() + "\n\n" + prompts.Render("answer-cut", officeValues);
    }

    /// <summary>A short, fixed decline for a request that is never served, with the way to a person.</summary>
    private TurnOutput Decline(string template, TurnInput input, string text, string reason) => new()
    {
        Kind = AnswerKinds.NoAnswer,
        Messages = [new BotMessage(prompts.Render(template, officeValues), prompts.Labels.NoAnswer)],
        Record = records.Build(input, text, AnswerKinds.NoAnswer, reason: reason),
    };

    private SourceRef Source(DocumentCandidate c, string? facet) =>
        new(c.Document.Id, facet, c.Document.Title, c.Document.Links.FirstOrDefault()?.Url ?? office.Portal, Math.Round(c.Score, 3));

    private string Overview(KnowledgeDocument document)
    {
        var builder = new StringBuilder(document.Summary);
        if (document.Agency.Length > 0)
        {
            builder.Append("\n\n").Append(prompts.Render("answer-agency", With(("agency", document.Agency))));
        }
        return builder.ToString();
    }

    private string OnlineNote(KnowledgeDocument document, SourceLink link) => document.Online switch
    {
        "toan-trinh" => prompts.Render("online-full", With(("link_title", link.Title), ("link_url", link.Url))),
        "mot-phan" => prompts.Render("online-partial", With(("link_title", link.Title), ("link_url", link.Url))),
        _ => "",
    };

    private IEnumerable<string> NextFacets(KnowledgeDocument document, string? current) =>
        PreferredNextFacets
            .Where(f => f != current && document.Section(f) is not null && prompts.Labels.Facets.ContainsKey(f))
            .Take(NextFacetButtons)
            .Select(f => prompts.Labels.Facets[f]);

    private string Shorten(string body) => Cut(body, options.MaxAnswerChars);

    private static TurnOutput Simple(string kind, string text, IReadOnlyList<string> suggestions, QuestionRecord? record = null) => new()
    {
        Kind = kind,
        Messages = [new BotMessage(text, suggestions)],
        Record = record,
    };

    private Dictionary<string, string> With(params (string Key, string Value)[] values) => PromptLibrary.With(officeValues, values);
}
