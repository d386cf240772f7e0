using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace ChatBot.UnitTests;

/// <summary>Small office documents built in memory for the ingestion tests.</summary>
internal static class OfficeDocumentFiles
{
    /// <summary>A DOCX whose headings use the built-in style ids, or a custom id named "heading N".</summary>
    public static byte[] Docx(params (string Style, string Text)[] paragraphs)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            // A localised style id ("Tieude1") whose built-in name says it is a level-1 heading.
            styles.Styles = new Styles(new Style(new StyleName { Val = "heading 1" }) { Type = StyleValues.Paragraph, StyleId = "Tieude1" });
            var body = new Body();
            foreach (var (style, text) in paragraphs)
            {
                var paragraph = new Paragraph();
                if (style == "list")
                {
                    paragraph.Append(new ParagraphProperties(new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = 1 })));
                }
                else if (style.Length > 0)
                {
                    paragraph.Append(new ParagraphProperties(new ParagraphStyleId { Val = style }));
                }
                paragraph.Append(new Run(new Text(text)));
                body.Append(paragraph);
            }
            main.Document = new Document(body);
        }
        return stream.ToArray();
    }

    /// <summary>
    /// A PDF typed in a standard font, so without diacritics like an OCR'd scan of an old notice: each page a list
    /// of (size, text) lines set close together; a larger size is a heading.
    /// </summary>
    public static byte[] Pdf(params (double Size, string Text)[][] pages)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var lines in pages)
        {
            var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
            var y = 780.0;
            foreach (var (size, text) in lines)
            {
                page.AddText(text, size, new PdfPoint(60, y), font);
                y -= size * 1.4;
            }
        }
        return builder.Build();
    }

    /// <summary>A structurally valid PDF whose trailer says it is encrypted with a user password.</summary>
    public static byte[] PasswordProtectedPdf()
    {
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
            "<< /Filter /Standard /V 1 /R 2 /O <" + new string('1', 64) + "> /U <" + new string('2', 64) + "> /P -4 >>",
        ];
        var text = new System.Text.StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(text.Length);
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = text.Length;
        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }
        text.Append(System.Globalization.CultureInfo.InvariantCulture,
            $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] >>\nstartxref\n{xref}\n%%EOF\n");
        return System.Text.Encoding.ASCII.GetBytes(text.ToString());
    }
}
