using System.Net;

namespace ChatBot.IntegrationTests;

/// <summary>The office's documents are served read-only at /tai-lieu/{file}, and nothing else is.</summary>
public sealed class DocumentEndpointTests : IAsyncLifetime
{
    private TestHost host = null!;

    public async Task InitializeAsync() => host = await TestHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task An_answer_from_a_document_links_to_it_by_an_absolute_address_that_works_inside_the_town_website()
    {
        var resident = new DirectLineClient(host.Client);
        await resident.StartAsync();
        var reply = await resident.WaitForReplyAsync(await resident.PostMessageAsync("lịch tiếp công dân của phường"));
        var link = $"]({host.BaseAddress.ToString().TrimEnd('/')}/tai-lieu/thong-bao-lich-tiep-dan.pdf)";
        Assert.Contains(link, DirectLineClient.Text(reply), StringComparison.Ordinal);
        Assert.StartsWith(host.BaseAddress.ToString().TrimEnd('/') + "/tai-lieu/", DirectLineClient.Meta(reply)!["sources"]![0]!["url"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sample_pdf_opens_inline_with_its_file_name_and_a_sandbox()
    {
        using var response = await host.Client.GetAsync("/tai-lieu/thong-bao-lich-tiep-dan.pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("inline", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("thong-bao-lich-tiep-dan.pdf", response.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal("sandbox", string.Join(' ', response.Headers.GetValues("Content-Security-Policy")));
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(await response.Content.ReadAsByteArrayAsync())[..5], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Html_downloads_instead_of_running_on_this_origin()
    {
        using var response = await host.Client.GetAsync("/tai-lieu/thong-bao-nop-ho-so-truc-tuyen.html");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
    }

    [Theory]
    [InlineData("/tai-lieu/..%2Fcatalogue-ids.txt")]
    [InlineData("/tai-lieu/%2E%2E%2Fprocedures%2Fdang-ky-khai-sinh.md")]
    [InlineData("/tai-lieu/khong-co.pdf")]
    [InlineData("/tai-lieu/")]
    public async Task Anything_else_is_not_found(string path)
    {
        using var response = await host.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
