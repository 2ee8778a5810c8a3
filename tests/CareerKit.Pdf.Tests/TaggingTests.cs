using CareerKit.Pdf.Document;
using CareerKit.Pdf.Text;
using CareerKit.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace CareerKit.Pdf.Tests;

/// <summary>What the structure tree cannot show: which drawn text is content and which is an artifact.</summary>
public sealed class TaggingTests
{
    [Fact]
    public void Page_footers_are_pagination_artifacts_and_every_other_letter_is_tagged_content()
    {
        var pdf = new PdfRenderer(Fonts.DejaVu).RenderPdf(SampleDocuments.TwoPageResume(), SampleDocuments.Options).Pdf;

        using var document = PdfDocument.Open(pdf);
        foreach (var page in document.GetPages())
        {
            var marked = page.GetMarkedContents();
            var footer = Assert.Single(marked, content => content.IsArtifact && content.Letters.Count > 0);
            Assert.Equal($"Page {page.Number} of 2", string.Concat(footer.Letters.Select(letter => letter.Value)));
            Assert.Equal("/Footer", footer.Properties.Data["Subtype"].ToString());

            var tagged = marked.Where(content => !content.IsArtifact).Sum(content => content.Letters.Count);
            Assert.Equal(page.Letters.Count, tagged + footer.Letters.Count);
            Assert.All(marked.Where(content => !content.IsArtifact), content => Assert.True(content.MarkedContentIdentifier >= 0));
        }
    }

    [Fact]
    public void A_link_broken_over_two_lines_is_one_link_element_with_both_annotations()
    {
        var address = "https://example.com/long-read";
        var pdf = new PdfRenderer(Fonts.DejaVu).RenderPdf(
            new DocumentContent().Paragraph(new TextRun("See ", TextStyle.Body), new TextRun(string.Join(" ", Enumerable.Repeat("linked words", 20)), TextStyle.Body, address)),
            SampleDocuments.Options with { PageNumbers = false }).Pdf;

        var qpdf = QpdfDocument.Open(pdf);
        var annotations = qpdf.Pages.Single().GetProperty("/Annots").EnumerateArray().Select(reference => reference.GetString()).ToList();
        Assert.True(annotations.Count >= 2, $"{annotations.Count} annotation(s)");
        var link = Assert.Single(qpdf.Objects, item => item.Dictionary.ValueKind == System.Text.Json.JsonValueKind.Object
            && item.Dictionary.TryGetProperty("/S", out var role) && role.GetString() == "/Link").Dictionary;
        var targets = link.GetProperty("/K").EnumerateArray().Where(kid => kid.ValueKind == System.Text.Json.JsonValueKind.Object).Select(kid => kid.GetProperty("/Obj").GetString()).ToList();
        Assert.Equal(annotations, targets);
    }

    [Fact]
    public void A_line_with_links_is_one_marked_content_sequence_so_pdf_js_keeps_the_spaces_between_its_parts()
    {
        // pdf.js (OpenResume's reader) ends a text item at each marked-content operator and drops the space before it.
        var pdf = new PdfRenderer(Fonts.DejaVu).RenderPdf(
            new DocumentContent().Paragraph(
                new TextRun("ada@example.com", TextStyle.Body, "mailto:ada@example.com"),
                new TextRun("  ·  ", TextStyle.Body.WithColor(DocumentContent.Muted)),
                new TextRun("https://ada.example", TextStyle.Body, "https://ada.example")),
            SampleDocuments.Options with { PageNumbers = false }).Pdf;

        using var document = PdfDocument.Open(pdf);
        var sequence = Assert.Single(document.GetPage(1).GetMarkedContents());
        Assert.Equal("P", sequence.Tag);
        Assert.Equal("ada@example.com · https://ada.example", string.Concat(sequence.Letters.Select(letter => letter.Value)));
        Assert.Equal(2, document.GetPage(1).GetHyperlinks().Count);
    }
}
