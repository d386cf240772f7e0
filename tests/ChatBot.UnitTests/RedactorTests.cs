using ChatBot.Feedback;

namespace ChatBot.UnitTests;

public sealed class RedactorTests
{
    [Theory]
    [InlineData("CCCD của tôi là 001203004567 nhé", "CCCD của tôi là [số giấy tờ] nhé")]
    [InlineData("số 001 203 004 567", "số [số giấy tờ]")]
    [InlineData("cmnd 123456789 cũ", "cmnd [số giấy tờ] cũ")]
    [InlineData("gọi 0912345678 giúp", "gọi [số điện thoại] giúp")]
    [InlineData("gọi 0912.345.678 giúp", "gọi [số điện thoại] giúp")]
    [InlineData("sđt +84912345678", "sđt [số điện thoại]")]
    [InlineData("máy bàn 024 3825 1234", "máy bàn [số điện thoại]")]
    [InlineData("mail nguyen.van.a@gmail.com ạ", "mail [email] ạ")]
    [InlineData("nhà tôi ở số nhà 12 thôn 3", "nhà tôi ở [địa chỉ]")]
    [InlineData("ở 45 đường Lê Lợi phường 2", "ở [địa chỉ]")]
    [InlineData("cccd 0012  0300  4570 ạ", "cccd [số giấy tờ] ạ")]
    [InlineData("cccd 0012/0300/4571 ạ", "cccd [số giấy tờ] ạ")]
    [InlineData("gọi 0912  345  683 nhé", "gọi [số điện thoại] nhé")]
    [InlineData("mail hoa99 at gmail dot com nhé", "mail [email] nhé")]
    [InlineData("tôi ở 16 đường lê lợi muốn hỏi", "tôi ở [địa chỉ] muốn hỏi")]
    [InlineData("toi o 17 duong le loi muon hoi", "toi o [địa chỉ] muon hoi")]
    [InlineData("nhà số 45 Nguyễn Trãi", "[địa chỉ]")]
    [InlineData("ở 123/4 Nguyễn Trãi", "ở [địa chỉ]")]
    [InlineData("thôn Đông Hạ, xã Yên Sở", "[địa chỉ]")]
    [InlineData("tổ 5 khu phố 3", "[địa chỉ]")]
    [InlineData("số nhà 12 ngõ 34 phố Huế", "[địa chỉ]")]
    public void Personal_data_is_masked(string input, string expected) => Assert.Equal(expected, Redactor.Redact(input));

    [Theory]
    [InlineData("lệ phí 135.000 đồng trong 7 ngày")]
    [InlineData("trẻ dưới 14 tuổi, năm 2025")]
    [InlineData("Nghị định 63/2024/NĐ-CP")]
    [InlineData("lệ phí 50.000 đồng, hạn 15/8/2026, thủ tục 1.001193, Thông tư 117/2026/TT-BTC, mẫu CT01, 30 ngày")]
    [InlineData("UBND xã Yên Sở làm việc mấy giờ")]
    [InlineData("mức phạt 500.000 - 1.000.000 đồng")]
    public void Ordinary_numbers_are_kept(string input) => Assert.Equal(input, Redactor.Redact(input));

    [Fact]
    public void The_corpus_meets_the_recall_and_false_positive_floors()
    {
        var corpus = RedactionCorpus.Load(Path.Combine(AppContext.BaseDirectory, "redaction", "corpus.jsonl"));
        var report = RedactionCorpus.Score(corpus);

        Assert.True(report.Personal >= 200 && report.Ordinary >= 200, $"{report.Personal} personal and {report.Ordinary} ordinary cases");
        Assert.True(report.Recall >= 0.98, $"recall {report.Recall:0.000}; missed: {string.Join(" | ", report.Missed.Select(m => m.Text))}");
        Assert.True(report.FalsePositiveRate <= 0.01, $"false positives {report.FalsePositiveRate:0.000}: {string.Join(" | ", report.Changed.Select(c => c.Redacted))}");
    }

    [Fact]
    public void A_spelt_out_email_is_found_as_a_contact() =>
        Assert.Equal("hoa99@gmail.com", Redactor.FindContact("email hoa99 at gmail dot com nhé"));
}
