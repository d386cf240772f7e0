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
    [InlineData("nhà tôi ở số nhà 12 thôn 3", "nhà tôi ở [địa chỉ] thôn 3")]
    [InlineData("ở 45 đường Lê Lợi phường 2", "ở [địa chỉ] phường 2")]
    public void Personal_data_is_masked(string input, string expected) => Assert.Equal(expected, Redactor.Redact(input));

    [Theory]
    [InlineData("lệ phí 135.000 đồng trong 7 ngày")]
    [InlineData("trẻ dưới 14 tuổi, năm 2025")]
    [InlineData("Nghị định 63/2024/NĐ-CP")]
    public void Ordinary_numbers_are_kept(string input) => Assert.Equal(input, Redactor.Redact(input));
}
