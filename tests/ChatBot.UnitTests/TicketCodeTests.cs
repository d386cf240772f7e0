using ChatBot.Feedback.Staff;
using ChatBot.Feedback.Tickets;

namespace ChatBot.UnitTests;

public sealed class TicketCodeTests
{
    [Fact]
    public void New_codes_are_short_unambiguous_and_found_again_in_text()
    {
        var codes = Enumerable.Range(0, 2000).Select(_ => TicketCode.New()).ToList();
        Assert.All(codes, code =>
        {
            Assert.Matches("^HT-[2-9A-HJ-KMNP-Z]{6}$", code);
            Assert.Equal(code, TicketCode.Find($"câu hỏi {code.ToLowerInvariant()} thế nào"));
        });
        Assert.True(codes.Distinct().Count() > 1990, "codes are random");
    }

    [Theory]
    [InlineData("http://example.vn")]
    [InlineData("tôi muốn hỏi HT về khai sinh")]
    [InlineData("mã HT-12345O")]
    [InlineData("WHT-4K7M2Q")]
    [InlineData("")]
    public void Other_text_is_not_mistaken_for_a_ticket_code(string text) => Assert.Null(TicketCode.Find(text));

    [Fact]
    public void Password_hashes_verify_only_the_right_password_and_are_salted()
    {
        var hash = PasswordHashing.Hash("mot-mat-khau-dai", iterations: 1000);
        Assert.True(PasswordHashing.Verify("mot-mat-khau-dai", hash));
        Assert.False(PasswordHashing.Verify("mot-mat-khau-dai!", hash));
        Assert.NotEqual(hash, PasswordHashing.Hash("mot-mat-khau-dai", iterations: 1000));
        Assert.False(PasswordHashing.Verify("x", "garbage"));
        Assert.False(PasswordHashing.Verify("x", "pbkdf2-sha256$1000$not base64$x"));
        Assert.NotNull(PasswordHashing.Problem("ngan"));
        Assert.Null(PasswordHashing.Problem("du-muoi-ky-tu"));
    }

    [Fact]
    public void Contacts_are_found_as_phone_or_email_only()
    {
        Assert.Equal("0912345678", ChatBot.Feedback.Redactor.FindContact("gọi 0912.345.678 giúp"));
        Assert.Equal("lan@example.vn", ChatBot.Feedback.Redactor.FindContact("email lan@example.vn"));
        Assert.Null(ChatBot.Feedback.Redactor.FindContact("mai tôi gọi lại"));
    }
}
