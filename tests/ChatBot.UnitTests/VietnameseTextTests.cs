using System.Text;
using ChatBot.Knowledge.Text;

namespace ChatBot.UnitTests;

public sealed class VietnameseTextTests
{
    [Theory]
    [InlineData("Đăng ký khai sinh", "dang ki khai sinh")]
    [InlineData("ĐẤT ĐAI", "dat dai")]
    [InlineData("thường trú", "thuong tru")]
    [InlineData("giải quyết", "giai quyet")]
    [InlineData("Lý lịch tư pháp", "li lich tu phap")]
    public void Folding_removes_every_diacritic_and_maps_d_stroke(string input, string expected) =>
        Assert.Equal(expected, string.Join(' ', VietnameseText.FoldedSyllables(input)));

    [Fact]
    public void Nfd_input_gives_the_same_syllables_as_nfc()
    {
        const string text = "Đăng ký thường trú, hoà giải đất đai";
        Assert.Equal(VietnameseText.Syllables(text.Normalize(NormalizationForm.FormC)), VietnameseText.Syllables(text.Normalize(NormalizationForm.FormD)));
    }

    [Theory]
    [InlineData("hòa", "hoà")]
    [InlineData("thúy", "thuý")]
    [InlineData("qủa", "quả")]
    [InlineData("khỏe", "khoẻ")]
    [InlineData("ngừơi", "người")]
    [InlineData("hòan", "hoàn")]
    [InlineData("cuả", "của")]
    [InlineData("hoỉ", "hỏi")]
    [InlineData("khủyu", "khuỷu")]
    public void Old_and_new_tone_placement_meet_in_one_form(string variant, string canonical) =>
        Assert.Equal(VietnameseText.NormalizeSyllable(canonical), VietnameseText.NormalizeSyllable(variant));

    [Theory]
    [InlineData("lý", "lí")]
    [InlineData("kỹ", "kĩ")]
    [InlineData("quý", "quí")]
    [InlineData("ly", "li")]
    public void Final_i_and_y_after_a_consonant_are_one_letter(string a, string b) =>
        Assert.Equal(VietnameseText.NormalizeSyllable(b), VietnameseText.NormalizeSyllable(a));

    [Fact]
    public void Y_alone_stays_y()
    {
        Assert.Equal("y", VietnameseText.NormalizeSyllable("y"));
        Assert.Equal("huy", VietnameseText.NormalizeSyllable("huy"));
    }

    [Fact]
    public void Syllables_split_on_punctuation_and_keep_digits()
    {
        Assert.Equal(["cccd", "14", "tuổi", "ở", "đâu"], VietnameseText.Syllables("CCCD (14 tuổi) ở đâu?"));
    }

    [Fact]
    public void Deprecated_combining_tone_marks_are_understood()
    {
        // U+0341 is the deprecated combining acute; NFC maps it to U+0301 (and ký/kí are one syllable).
        Assert.Equal(VietnameseText.NormalizeSyllable("ký"), VietnameseText.NormalizeSyllable("ky\u0341".Normalize(NormalizationForm.FormC)));
        Assert.Equal("kí", VietnameseText.NormalizeSyllable("ký"));
    }
}
