using System.Data.Common;
using ChatBot.Feedback;
using ChatBot.Feedback.Tickets;

namespace ChatBot.Bench;

/// <summary>
/// Realistic office records for the feedback benchmark: Vietnamese questions of every kind spread over six months
/// (about 5 % unanswered), tickets, helpful and not-helpful ratings, most older items handled. Deterministic for a seed.
/// </summary>
internal static class FeedbackSeed
{
    // Procedure questions as residents type them, with and without diacritics, and the guide that answers each.
    private static readonly (string Text, string Document)[] Answerable =
    [
        ("làm giấy khai sinh cần giấy tờ gì", "dang-ky-khai-sinh"), ("lam giay khai sinh cho con o dau", "dang-ky-khai-sinh"),
        ("đăng ký kết hôn cần mang gì", "dang-ky-ket-hon"), ("le phi dang ky ket hon bao nhieu", "dang-ky-ket-hon"),
        ("đổi bằng lái xe hết hạn thế nào", "doi-giay-phep-lai-xe"), ("doi gplx mat bao lau", "doi-giay-phep-lai-xe"),
        ("cấp lại thẻ căn cước bị mất", "cap-the-can-cuoc"), ("lam can cuoc cho tre em", "cap-the-can-cuoc"),
        ("đăng ký tạm trú online được không", "dang-ky-tam-tru"), ("dang ky thuong tru can gi", "dang-ky-thuong-tru"),
        ("gia hạn bảo hiểm y tế hộ gia đình", "gia-han-bhyt-ho-gia-dinh"), ("cap lai the bhyt bi hong", "cap-lai-the-bhyt"),
        ("chứng thực bản sao mất phí bao nhiêu", "chung-thuc-ban-sao"), ("chung thuc chu ky o dau", "chung-thuc-chu-ky"),
        ("xin phiếu lý lịch tư pháp số 1", "ly-lich-tu-phap"), ("sổ đỏ lần đầu cần giấy tờ gì", "cap-giay-chung-nhan-lan-dau"),
        ("đăng ký hộ kinh doanh cá thể", "dang-ky-ho-kinh-doanh"), ("xin giay phep xay nha o", "giay-phep-xay-dung-nha-o"),
        ("khai tử cho người thân", "dang-ky-khai-tu"), ("rút bảo hiểm xã hội một lần", "huong-bhxh-mot-lan"),
        ("trích lục khai sinh bản sao", "trich-luc-ho-tich"), ("đăng ký xe máy mới mua", "dang-ky-xe"),
        ("quên mật khẩu vneid phải làm sao", "tai-khoan-vneid"), ("tra cứu hồ sơ bằng mã", "tra-cuu-ho-so"),
        ("giờ làm việc của bộ phận một cửa", "gio-lam-viec"), ("nộp hồ sơ trực tuyến thế nào", "dvc-truc-tuyen-la-gi"),
    ];

    private static readonly string[] Unanswerable =
    [
        "xin trợ cấp học bổng cho con học đại học", "thủ tục nhận nuôi chó mèo", "đăng ký thuyền đánh cá", "cấp phép karaoke",
        "làm hộ chiếu cho người nước ngoài", "xin giấy phép bán rượu", "phí gửi xe ở ủy ban", "đăng ký hiến máu ở đâu",
        "giấy phép khai thác cát", "xin cấp biển số nhà", "hỏi về lịch cắt điện", "mức phạt vượt đèn đỏ",
        "thu hồi đất làm đường có đền bù không", "đăng ký mua nhà ở xã hội", "xin trợ cấp lũ lụt", "cấp lại bằng tốt nghiệp",
    ];

    private static readonly string[] Clarify = ["thủ tục", "giấy tờ", "lệ phí bao nhiêu", "mất bao lâu", "làm ở đâu"];
    private static readonly string[] Smalltalk = ["xin chào", "cảm ơn bạn", "ok", "chào bot", "bạn là ai"];
    private static readonly string[] Handoff = ["cho tôi gặp cán bộ", "muốn nói chuyện với người thật", "gap can bo"];
    private static readonly string[] Comments = ["thiếu thông tin lệ phí", "không đúng địa chỉ nộp", "khó hiểu", "cần thêm mẫu đơn"];

    // Replies of typical length (a guide section with its source line is 400–1,200 characters).
    private static readonly string[] Replies = Enumerable.Range(1, 8).Select(n => string.Concat(Enumerable.Repeat(
        "**Hồ sơ cần chuẩn bị**: tờ khai theo mẫu; giấy tờ tùy thân có ảnh; giấy tờ chứng minh nơi cư trú nếu cơ quan chưa khai thác được từ cơ sở dữ liệu. Nộp tại Bộ phận Một cửa hoặc trên Cổng Dịch vụ công. ", n + 1))
        + "Nguồn: Cổng Dịch vụ công quốc gia, kiểm tra ngày 01/11/2026.").ToArray();

    public sealed record Counts(int Questions, int Tickets, int Ratings);

    /// <summary>Writes <paramref name="questions"/> questions and tickets and ratings in proportion, in one transaction.</summary>
    public static async Task<Counts> WriteAsync(DbConnection connection, int questions, DateTimeOffset now, int seed = 20261124)
    {
        var random = new Random(seed);
        var nowMs = now.ToUnixTimeMilliseconds();
        var spanMs = (long)TimeSpan.FromDays(182).TotalMilliseconds;
        await using var transaction = await connection.BeginTransactionAsync();
        await using var insertQuestion = Prepare(connection, transaction, """
            INSERT INTO questions ("Id", "AtUnixMs", "ConversationId", "Channel", "Text", "Kind", "Answered", "DocumentId", "Facet", "Reason", "CandidatesJson", "Reply", "ReviewStatus", "ReviewedAtUnixMs", "ReviewedBy")
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, NULL, @p8, @p13, @p9, @p10, @p11, @p12)
            """, 14);
        await using var insertTicket = Prepare(connection, transaction, """
            INSERT INTO tickets ("Id", "Code", "CreatedAtUnixMs", "ConversationId", "Channel", "Question", "QuestionId", "DocumentId", "Contact", "Status", "Reply", "HandledAtUnixMs", "HandledBy", "Satisfaction")
            VALUES (@p0, @p1, @p2, @p3, 'directline', @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12)
            """, 13);
        await using var insertRating = Prepare(connection, transaction, """
            INSERT INTO ratings ("Id", "AtUnixMs", "ConversationId", "Channel", "QuestionId", "Helpful", "Comment", "DocumentId", "Status", "ReviewedAtUnixMs", "ReviewedBy")
            VALUES (@p0, @p1, @p2, 'directline', @p3, @p4, @p5, @p6, @p7, @p8, @p9)
            """, 10);

        // Rows are written in time order, as the question log writes them, so the table's physical order follows time.
        var times = Enumerable.Range(0, questions).Select(_ => nowMs - (long)(random.NextDouble() * spanMs)).Order().ToArray();
        int tickets = 0, ratings = 0;
        for (var i = 0; i < questions; i++)
        {
            var at = times[i];
            var id = Guid.CreateVersion7(DateTimeOffset.FromUnixTimeMilliseconds(at));
            var conversation = "c" + (i / 3).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
            var roll = random.NextDouble();
            string text, kind;
            string? document = null, reason = null, review = null, reviewedBy = null;
            long? reviewedAt = null;
            if (roll < 0.05)
            {
                kind = AnswerKinds.NoAnswer;
                text = Unanswerable[random.Next(Unanswerable.Length)];
                reason = "low-confidence";
                var age = nowMs - at;
                var handled = age > TimeSpan.FromDays(3).TotalMilliseconds && random.NextDouble() < 0.7;
                review = handled ? (random.NextDouble() < 0.8 ? ReviewStatus.Handled : ReviewStatus.OutOfScope) : ReviewStatus.Open;
                if (handled)
                {
                    reviewedAt = at + (long)(random.NextDouble() * TimeSpan.FromDays(2).TotalMilliseconds);
                    reviewedBy = "canbo1";
                }
            }
            else if (roll < 0.13)
            {
                kind = AnswerKinds.Smalltalk;
                text = Smalltalk[random.Next(Smalltalk.Length)];
            }
            else if (roll < 0.19)
            {
                kind = AnswerKinds.Clarify;
                text = Clarify[random.Next(Clarify.Length)];
            }
            else if (roll < 0.21)
            {
                kind = AnswerKinds.Handoff;
                text = Handoff[random.Next(Handoff.Length)];
            }
            else
            {
                kind = AnswerKinds.Answer;
                (text, document) = Answerable[random.Next(Answerable.Length)];
            }
            // Stored rows carry the bot's reply and the ranked candidates, as real ones do: reports must not read them.
            var candidates = $"[{{\"id\":\"{document ?? Answerable[random.Next(Answerable.Length)].Document}\",\"facet\":\"ho-so\",\"score\":12.5}},{{\"id\":\"dang-ky-thuong-tru\",\"facet\":null,\"score\":7.25}},{{\"id\":\"gio-lam-viec\",\"facet\":null,\"score\":3.5}}]";
            await ExecuteAsync(insertQuestion, Id(id), at, conversation, "directline", text, kind, kind is AnswerKinds.Answer or AnswerKinds.Smalltalk, document, reason,
                kind == AnswerKinds.Smalltalk ? "Chào bạn!" : Replies[random.Next(Replies.Length)], review, reviewedAt, reviewedBy, candidates);

            // About one resident in fifty asks for a person (every hand-off, some unanswered questions).
            if (kind == AnswerKinds.Handoff || (kind == AnswerKinds.NoAnswer && random.NextDouble() < 0.25) || random.NextDouble() < 0.005)
            {
                tickets++;
                var created = at + 30_000;
                var closed = nowMs - created > TimeSpan.FromDays(2).TotalMilliseconds ? random.NextDouble() < 0.85 : random.NextDouble() < 0.3;
                long? handledAt = closed ? Math.Min(nowMs, created + (long)(random.NextDouble() * random.NextDouble() * TimeSpan.FromDays(3).TotalMilliseconds)) : null;
                int? score = closed && random.NextDouble() < 0.4 ? 1 + Math.Min(4, (int)(random.NextDouble() * 5.6)) : null;
                await ExecuteAsync(insertTicket, Id(Guid.CreateVersion7(DateTimeOffset.FromUnixTimeMilliseconds(created))), "PA" + tickets.ToString("D6", System.Globalization.CultureInfo.InvariantCulture), created, conversation, text, Id(id), document,
                    closed ? null : "09xx xxx xxx", closed ? (random.NextDouble() < 0.9 ? ReviewStatus.Handled : ReviewStatus.OutOfScope) : ReviewStatus.Open,
                    closed ? "Cán bộ đã trả lời qua điện thoại." : null, handledAt, closed ? "canbo1" : null, score);
            }

            // About one answer in eight is rated; three in four ratings say "helpful".
            if (kind == AnswerKinds.Answer && random.NextDouble() < 0.125)
            {
                ratings++;
                var ratedAt = at + 20_000;
                var helpful = random.NextDouble() < 0.75;
                var handled = !helpful && nowMs - ratedAt > TimeSpan.FromDays(3).TotalMilliseconds && random.NextDouble() < 0.6;
                await ExecuteAsync(insertRating, Id(Guid.CreateVersion7(DateTimeOffset.FromUnixTimeMilliseconds(ratedAt))), ratedAt, conversation, Id(id), helpful,
                    helpful ? null : Comments[random.Next(Comments.Length)], document, handled ? ReviewStatus.Handled : ReviewStatus.Open,
                    handled ? ratedAt + 86_400_000L : null, handled ? "canbo1" : null);
            }
        }
        await transaction.CommitAsync();
        return new Counts(questions, tickets, ratings);
    }

    /// <summary>Unanswered questions for the topic-grouping timing: the unanswerable themes, reworded.</summary>
    public static IReadOnlyList<string> UnansweredTexts(int count, int seed = 7)
    {
        var random = new Random(seed);
        string[] prefixes = ["", "cho hỏi ", "xin hỏi ", "mình muốn hỏi ", "cho em hỏi ", "ad ơi "];
        string[] suffixes = ["", " ạ", " ở đâu", " cần giấy tờ gì", " mất bao lâu", " thế nào", "?"];
        // Details residents add make most questions distinct after filler words are dropped, as in real logs;
        // without them grouping would only see a few dozen distinct texts.
        string[] details = ["", "", " cho con", " cho bố mẹ già", " năm nay", " ở phường bên cạnh", " bằng điện thoại", " của người nhà", " lần đầu", " khi đang ở xa", " cho công ty", " gấp trong tuần"];
        return Enumerable.Range(0, count)
            .Select(_ =>
            {
                var text = prefixes[random.Next(prefixes.Length)] + Unanswerable[random.Next(Unanswerable.Length)] + details[random.Next(details.Length)]
                    + (random.Next(3) == 0 ? $" {random.Next(1, 2000)}" : "") + suffixes[random.Next(suffixes.Length)];
                // A third are typed without diacritics, as on many phones.
                return random.Next(3) == 0 ? ChatBot.Knowledge.Text.VietnameseText.Fold(text) : text;
            })
            .ToList();
    }

    // EF Core's SQLite provider stores a Guid as upper-case text; seeded rows must read back the same.
    private static string Id(Guid id) => id.ToString("D").ToUpperInvariant();

    private static DbCommand Prepare(DbConnection connection, DbTransaction transaction, string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < parameters; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private static Task<int> ExecuteAsync(DbCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
        return command.ExecuteNonQueryAsync();
    }
}
