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
            Assert.Matches("^HT-[2-9A-HJ-KMNP-Z]{8}$", code);
            Assert.Equal(code, TicketCode.Find($"câu hỏi {code.ToLowerInvariant()} thế nào"));
        });
        Assert.True(codes.Distinct().Count() > 1990, "codes are random");
    }

    [Fact]
    public void A_guessed_or_mistyped_code_fails_its_check_character_without_a_lookup()
    {
        var code = TicketCode.New()[3..];
        const string alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
        for (var i = 0; i < code.Length; i++)
        {
            foreach (var other in alphabet.Where(c => c != code[i]))
            {
                var typo = code[..i] + other + code[(i + 1)..];
                Assert.Null(TicketCode.Find("HT-" + typo));
            }
            if (i + 1 < code.Length && code[i] != code[i + 1])
            {
                Assert.Null(TicketCode.Find("HT-" + code[..i] + code[i + 1] + code[i] + code[(i + 2)..]));
            }
        }

        // Random eight-character guesses: about one in 31 passes the check.
        var random = new Random(20261205);
        var passed = Enumerable.Range(0, 31_000)
            .Select(_ => new string(Enumerable.Range(0, 8).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray()))
            .Count(guess => TicketCode.Find("HT-" + guess) is not null);
        Assert.InRange(passed, 800, 1200);
    }

    [Fact]
    public void Codes_issued_before_the_check_character_are_still_found() =>
        Assert.Equal("HT-4K7M2Q", TicketCode.Find("mã của tôi là ht 4k7m2q"));

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
