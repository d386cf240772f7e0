using ChatBot.Conversation.Evaluation;
using ChatBot.Feedback.Staff;
using ChatBot.Knowledge;
using ChatBot.Knowledge.Authoring;
using ChatBot.Knowledge.Documents;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChatBot.Host.Pages.Staff;

/// <summary>
/// "Lưu thành kiến thức": a staff answer becomes a new FAQ entry or a new phrasing of an existing document. The
/// change is tried on a copy first; if it would break questions answered correctly today, staff must confirm.
/// </summary>
public sealed class NewKnowledgeModel(KnowledgeBase knowledge, KnowledgeChangeReview review, IStaffStore store, TimeProvider clock) : PageModel
{
    public const string ModeFaq = "faq";
    public const string ModePhrasing = "phrasing";

    [BindProperty(SupportsGet = true)]
    public string Mode { get; set; } = ModeFaq;

    [BindProperty(SupportsGet = true)]
    public string? Question { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Answer { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Document { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Phrasings { get; set; }

    [BindProperty]
    public bool Confirm { get; set; }

    public ChangeReview? Review { get; private set; }

    public string? Problem { get; private set; }

    public bool HasEvaluationSet => review.HasEvaluationSet;

    public IReadOnlyList<KnowledgeDocument> Documents { get; private set; } = [];

    public void OnGet()
    {
        LoadDocuments();
        if (!string.IsNullOrWhiteSpace(Document) && string.IsNullOrWhiteSpace(Answer) && knowledge.Current.Find(Document) is not null)
        {
            Mode = ModePhrasing;
        }
    }

    public async Task<IActionResult> OnPostCheckAsync(CancellationToken cancellationToken)
    {
        LoadDocuments();
        if (Plan() is { } change)
        {
            Review = await review.ReviewAsync(change, cancellationToken);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostApplyAsync(CancellationToken cancellationToken)
    {
        LoadDocuments();
        if (Plan() is not { } change)
        {
            return Page();
        }
        Review = await review.ReviewAsync(change, cancellationToken);
        if (!Review.Loads)
        {
            Problem = "Tài liệu mới có lỗi nên chưa lưu. Xem chi tiết bên dưới.";
            return Page();
        }
        if (Review.Regressions.Count > 0 && !Confirm)
        {
            Problem = $"Thay đổi này làm {Review.Regressions.Count} câu hỏi đang trả lời đúng bị sai. Xem danh sách và đánh dấu xác nhận nếu vẫn muốn lưu.";
            return Page();
        }
        await review.ApplyAsync(change, cancellationToken);
        await store.AppendAuditAsync(new AuditEntry(clock.GetUtcNow(), StaffUser.UserName(User), "knowledge-saved", change.RelativePath,
            $"{change.Description}; regressions={Review.Regressions.Count}; confirmed={Confirm}; answers-question={Review.AnswersQuestion}"), cancellationToken);
        TempData["Notice"] = $"Đã lưu: {change.Description}. Trợ lý dùng kiến thức mới sau vài giây.";
        return Redirect("/staff/knowledge");
    }

    private KnowledgeChange? Plan()
    {
        try
        {
            if (Mode == ModePhrasing)
            {
                var document = string.IsNullOrWhiteSpace(Document) ? null : knowledge.Current.Find(Document);
                if (document is null || document.Imported || document.Kind == DocumentKind.Passage)
                {
                    throw new AuthoringException("Chọn một tài liệu có sẵn để thêm cách hỏi.");
                }
                var path = Path.Combine(knowledge.Root, document.SourcePath);
                return KnowledgeAuthoring.AddPhrasing(document.SourcePath.Replace('\\', '/'), System.IO.File.ReadAllText(path), document.Id, Question ?? "");
            }
            var phrasings = (Phrasings ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var today = DateOnly.FromDateTime(StaffTime.Local(clock.GetUtcNow()).Date);
            return KnowledgeAuthoring.NewFaq(knowledge.Root, knowledge.Current.Documents.Select(d => d.Id).ToHashSet(), Title ?? "", Question ?? "", phrasings, Answer ?? "", today);
        }
        catch (AuthoringException ex)
        {
            Problem = ex.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return null;
        }
    }

    private void LoadDocuments() =>
        Documents = knowledge.Current.Documents.Where(d => d.Kind is DocumentKind.Procedure or DocumentKind.Faq && !d.Imported).OrderBy(d => d.Title, StringComparer.Ordinal).ToList();
}
