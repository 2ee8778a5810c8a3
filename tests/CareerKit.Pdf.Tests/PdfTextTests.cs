using System.Diagnostics;
using CareerKit.Pdf.Document;
using CareerKit.Pdf.Text;
using UglyToad.PdfPig;

namespace CareerKit.Pdf.Tests;

public sealed class PdfTextTests
{
    private static RenderResult Render(DocumentContent content, DocumentOptions? options = null) =>
        new PdfRenderer(Fonts.DejaVu).RenderPdf(content, options ?? SampleDocuments.Options);

    private static string TextOf(byte[] pdf, int page = 1)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join(" ", document.GetPage(page).GetWords().Select(word => word.Text));
    }

    [Fact]
    public void Text_comes_back_in_reading_order_with_plain_letters()
    {
        var pdf = Render(new DocumentContent()
            .Heading("Efficient office workflows")
            .Paragraph("The first fluent affine line.")
            .Paragraph("The second line follows.")).Pdf;

        var text = TextOf(pdf);

        Assert.StartsWith("Efficient office workflows The first fluent affine line. The second line follows.", text);
        Assert.DoesNotContain('\uFB01', text); // ﬁ
        Assert.DoesNotContain('\uFB02', text); // ﬂ
        Assert.DoesNotContain('\uFB03', text); // ﬃ
    }

    [Fact]
    public void A_line_in_one_style_is_one_text_show_operation_so_parsers_keep_words_whole()
    {
        // "AV", "Va", "To", "WA" are kerning pairs: drawn as separate operations, extractors split "V asquez".
        var pdf = Render(new DocumentContent().Paragraph("AVATAR Vasquez Today, WAVE."), SampleDocuments.Options with { PageNumbers = false }).Pdf;

        using var document = PdfDocument.Open(pdf);
        var operators = document.GetPage(1).Operations.Select(operation => operation.Operator).ToList();
        Assert.Equal(1, operators.Count(op => op is "Tj" or "TJ" or "'" or "\""));
        Assert.DoesNotContain("Td", operators);
        Assert.Contains("AVATAR Vasquez Today, WAVE.", TextOf(pdf));
    }

    [Fact]
    public void A_space_between_two_styles_ends_the_first_text_operation_so_parsers_that_trim_each_operation_keep_it()
    {
        var pdf = Render(
            new DocumentContent().Paragraph(new TextRun("raft-lab", TextStyle.Body.Bold()), new TextRun(" https://example.com/raft", TextStyle.Body)),
            SampleDocuments.Options with { PageNumbers = false }).Pdf;

        using var document = PdfDocument.Open(pdf);
        var letters = document.GetPage(1).Letters;
        var space = letters.Select((letter, index) => (letter, index)).Single(item => item.letter.Value == " ").index;
        Assert.Equal("b", letters[space - 1].Value);
        Assert.Equal(letters[space - 1].FontName, letters[space].FontName);
        Assert.NotEqual(letters[space + 1].FontName, letters[space].FontName);
        Assert.Contains("raft-lab https://example.com/raft", TextOf(pdf));
    }

    [Fact]
    public void Diacritics_Greek_and_Cyrillic_render_as_themselves()
    {
        var result = Render(new DocumentContent().Paragraph("Zoë Ångström · Μηχανική μάθηση · Машинное обучение"));

        Assert.Empty(result.MissingCharacters);
        Assert.Contains("Zoë Ångström · Μηχανική μάθηση · Машинное обучение", TextOf(result.Pdf));
    }

    [Fact]
    public void A_two_page_document_has_page_x_of_y_footers_and_is_small()
    {
        var result = Render(SampleDocuments.TwoPageResume());

        Assert.Equal(2, result.PageCount);
        Assert.EndsWith("Page 1 of 2", TextOf(result.Pdf, 1));
        Assert.EndsWith("Page 2 of 2", TextOf(result.Pdf, 2));
        Assert.True(result.Pdf.Length <= 60 * 1024, $"the PDF is {result.Pdf.Length / 1024.0:0.0} KB");
    }

    [Fact]
    public void The_same_input_gives_byte_identical_output()
    {
        var first = Render(SampleDocuments.TwoPageResume()).Pdf;
        var second = Render(SampleDocuments.TwoPageResume()).Pdf;

        Assert.Equal(first, second);
    }

    [Fact]
    public void Metadata_is_written()
    {
        using var document = PdfDocument.Open(Render(SampleDocuments.TwoPageResume()).Pdf);

        Assert.Equal("Ada Lovelace: resume", document.Information.Title);
        Assert.Equal("Ada Lovelace", document.Information.Author);
        Assert.Equal("ML engineer resume", document.Information.Subject);
        Assert.Equal("machine learning, python", document.Information.Keywords);
        Assert.Equal("CareerKit", document.Information.Creator);
    }

    [Fact]
    public void A_ten_thousand_character_word_is_broken_across_lines_and_pages()
    {
        var result = Render(new DocumentContent().Paragraph(new string('w', 10_000)));

        Assert.True(result.PageCount >= 2);
        using var document = PdfDocument.Open(result.Pdf);
        var letters = document.GetPages().Sum(page => page.Letters.Count(letter => letter.Value == "w"));
        Assert.Equal(10_000, letters);
    }

    [Fact]
    public void A_document_longer_than_the_page_limit_stops_at_the_limit_with_an_error_naming_it()
    {
        var content = new DocumentContent().Bullets(Enumerable.Range(0, 20_000).Select(_ => (IReadOnlyList<TextRun>)[new TextRun("x", TextStyle.Body)]));

        var tooLong = Assert.Throws<PageLimitExceededException>(() => Render(content));

        Assert.Equal(PdfRenderer.MaxPages, tooLong.MaxPages);
        Assert.Contains("more than 200 pages", tooLong.Message);
    }

    [Fact]
    public void A_word_that_fills_more_than_a_page_inside_a_row_is_broken_across_pages()
    {
        var word = new string('W', 5_000);

        var result = Render(new DocumentContent().Row([new TextRun(word, TextStyle.Body.Bold())], [new TextRun("2020 – 2024", TextStyle.Body)]));

        Assert.True(result.PageCount >= 2);
        using var document = PdfDocument.Open(result.Pdf);
        Assert.Equal(5_000, document.GetPages().Sum(page => page.Letters.Count(letter => letter.Value == "W")));
    }

    [Fact]
    public void Only_http_https_and_mailto_become_links()
    {
        var pdf = Render(new DocumentContent().Paragraph(
            new TextRun("site", TextStyle.Body, "https://ada.example/"),
            new TextRun(" plain ", TextStyle.Body, "http://plain.example/"),
            new TextRun(" mail ", TextStyle.Body, "mailto:ada@example.com"),
            new TextRun(" evil", TextStyle.Body, "javascript:alert(1)"))).Pdf;

        using var document = PdfDocument.Open(pdf);
        var links = document.GetPage(1).GetHyperlinks().Select(link => link.Uri).Order().ToList();

        Assert.Equal(["http://plain.example/", "https://ada.example/", "mailto:ada@example.com"], links);
        Assert.Contains("evil", TextOf(pdf));
    }

    [Theory]
    [InlineData(Paper.A4, 595, 842)]
    [InlineData(Paper.Letter, 612, 792)]
    public void Pages_have_the_chosen_paper_size(Paper paper, int width, int height)
    {
        using var document = PdfDocument.Open(Render(new DocumentContent().Paragraph("x"), SampleDocuments.Options with { Paper = paper }).Pdf);

        var page = document.GetPage(1);
        Assert.Equal((width, height), ((int)Math.Round(page.Width), (int)Math.Round(page.Height)));
    }

    [Fact]
    public void Poppler_extracts_the_same_text_in_reading_order()
    {
        const string pdftotext = "/usr/bin/pdftotext";
        Assert.True(File.Exists(pdftotext), "pdftotext is missing: apt-get install -y poppler-utils");
        var file = Path.GetTempFileName();
        File.WriteAllBytes(file, Render(SampleDocuments.TwoPageResume()).Pdf);

        using var process = Process.Start(new ProcessStartInfo(pdftotext, [file, "-"]) { RedirectStandardOutput = true })!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(0, process.ExitCode);
        Assert.Contains("Built efficient office workflows with fluent, affine feature pipelines;", text);
        Assert.True(text.IndexOf("Experience 1", StringComparison.Ordinal) < text.IndexOf("Experience 2", StringComparison.Ordinal));
        Assert.DoesNotContain('\uFB01', text);
    }
}
