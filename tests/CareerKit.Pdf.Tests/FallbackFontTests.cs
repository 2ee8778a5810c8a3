using System.Diagnostics;
using CareerKit.Pdf.Document;
using CareerKit.Pdf.Fonts;
using CareerKit.Pdf.Text;
using SkiaSharp;
using UglyToad.PdfPig;

namespace CareerKit.Pdf.Tests;

/// <summary>
/// Characters DejaVu Sans lacks (Chinese, Japanese, Korean, Hindi, Tamil, emoji) are drawn with the fallback fonts from
/// Debian's packages, subset like the rest and read back by extractors; the ones no font has are named and drawn as □.
/// </summary>
public sealed class FallbackFontTests
{
    private static readonly DocumentOptions Options = SampleDocuments.Options with { PageNumbers = false };

    private static RenderResult Render(string text) => new PdfRenderer(Fonts.DejaVu).RenderPdf(new DocumentContent().Paragraph(text), Options);

    private static string PdfPigText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join(" ", document.GetPage(1).GetWords().Select(word => word.Text));
    }

    private static string PopplerText(byte[] pdf)
    {
        const string pdftotext = "/usr/bin/pdftotext";
        Assert.True(File.Exists(pdftotext), "pdftotext is missing: apt-get install -y poppler-utils");
        var file = Path.GetTempFileName();
        File.WriteAllBytes(file, pdf);
        using var process = Process.Start(new ProcessStartInfo(pdftotext, ["-enc", "UTF-8", file, "-"]) { RedirectStandardOutput = true })!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        File.Delete(file);
        Assert.Equal(0, process.ExitCode);
        return text;
    }

    private static IReadOnlyList<string> EmbeddedFonts(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPage(1).Letters.Select(letter => letter.FontName ?? "").Distinct().ToList();
    }

    [Fact]
    public void Every_fallback_font_is_installed()
    {
        // .ci/run installs the Debian packages; a machine without them draws □ where a reader wrote Chinese or Hindi.
        var missing = FallbackFonts.All.Zip(Fonts.DejaVu.FallbackPaths).Where(pair => pair.Second is null).Select(pair => $"{pair.First.File} ({pair.First.Package})");
        Assert.Empty(missing);
    }

    [Fact]
    public void Chinese_Japanese_Korean_and_emoji_are_drawn_in_fallback_fonts_and_read_back()
    {
        const string text = "Wei Chen 陈伟 · 東京大学 · 서울 · ML 🚀 🧠";

        var result = Render(text);

        Assert.Empty(result.MissingCharacters);
        Assert.Contains("Wei Chen 陈伟 · 東京大学 · 서울 · ML 🚀 🧠", PdfPigText(result.Pdf));
        Assert.Contains(text, PopplerText(result.Pdf));
        var fonts = EmbeddedFonts(result.Pdf);
        Assert.Contains(fonts, font => font.EndsWith("+DejaVuSans", StringComparison.Ordinal));
        Assert.Contains(fonts, font => font.EndsWith("+DroidSansFallback", StringComparison.Ordinal));
        Assert.Contains(fonts, font => font.EndsWith("+NanumGothic", StringComparison.Ordinal));
        Assert.Contains(fonts, font => font.EndsWith("+Symbola", StringComparison.Ordinal));
    }

    [Fact]
    public void Fallback_fonts_are_subset_so_a_few_Chinese_characters_add_kilobytes_not_megabytes()
    {
        var latin = Render("Wei Chen, machine learning engineer").Pdf.Length;
        var chinese = Render("Wei Chen 陈伟, machine learning engineer 机器学习工程师").Pdf.Length;

        // DroidSansFallbackFull.ttf is 4 MB; nine characters of it are a few KB.
        Assert.InRange(chinese - latin, 1, 16 * 1024);
    }

    [Theory]
    [InlineData("प्रिया शर्मा — मशीन लर्निंग इंजीनियर")] // Hindi: conjuncts and a vowel sign drawn before its consonant
    [InlineData("தமிழ்செல்வி — இயந்திர கற்றல்")] // Tamil
    [InlineData("ศึกษาศาสตร์")] // Thai: marks above and below
    public void Complex_scripts_are_shaped_and_extractors_read_the_words_the_reader_wrote(string text)
    {
        var result = Render(text);

        Assert.Empty(result.MissingCharacters);
        var extracted = PopplerText(result.Pdf);
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.Contains(word, extracted);
        }
    }

    [Fact]
    public void A_word_mixing_fonts_stays_one_word_and_a_line_of_Chinese_without_spaces_breaks_between_characters()
    {
        var mixed = Render("Zoë🚀Lab");
        Assert.Contains("Zoë🚀Lab", PdfPigText(mixed.Pdf));

        var line = string.Concat(Enumerable.Repeat("机器学习工程师", 40));
        var wrapped = Render(line);
        using var document = PdfDocument.Open(wrapped.Pdf);
        var letters = document.GetPage(1).Letters.Where(letter => letter.Value.Trim().Length > 0).ToList();
        Assert.Equal(line.Length, letters.Count);
        Assert.Equal(line, string.Concat(letters.Select(letter => letter.Value)));
        Assert.True(letters.Select(letter => Math.Round(letter.StartBaseLine.Y)).Distinct().Count() >= 3, "the line wraps");
        Assert.All(letters, letter => Assert.InRange(letter.EndBaseLine.X, 0, SampleDocuments.Options.Margin + (595.28 - (2 * SampleDocuments.Options.Margin)) + 0.5));
    }

    [Fact]
    public void Bold_and_italic_in_a_fallback_font_are_drawn_bold_and_slanted_and_regular_stays_as_it_is()
    {
        var content = new DocumentContent()
            .Paragraph(new TextRun("陈伟", TextStyle.Body.Bold()))
            .Paragraph(new TextRun("陈伟", TextStyle.Body.Italic()))
            .Paragraph(new TextRun("陈伟 Wei", TextStyle.Body));
        var pdf = new PdfRenderer(Fonts.DejaVu).RenderPdf(content, Options).Pdf;

        using var document = PdfDocument.Open(pdf);
        var page = document.GetPage(1);
        var chinese = page.Letters.Where(letter => letter.Value is "陈" or "伟").ToList();
        Assert.Equal(6, chinese.Count);
        Assert.All(chinese.Take(2), letter => Assert.Equal(UglyToad.PdfPig.Core.TextRenderingMode.FillThenStroke, letter.RenderingMode));
        Assert.All(chinese.Skip(2), letter => Assert.Equal(UglyToad.PdfPig.Core.TextRenderingMode.Fill, letter.RenderingMode));
        var slants = page.Operations.OfType<UglyToad.PdfPig.Graphics.Operations.TextPositioning.SetTextMatrix>().Select(matrix => Math.Round(matrix.Value[2], 3)).ToList();
        Assert.Equal(1, slants.Count(slant => slant > 0.2)); // Only the italic fragment leans.
        Assert.Equal(["Wei"], page.Letters.Where(letter => letter.RenderingMode != UglyToad.PdfPig.Core.TextRenderingMode.FillThenStroke && letter.Value is "W").Select(_ => "Wei"));
    }

    [Fact]
    public void The_preview_draws_bold_fallback_text_with_more_ink_than_regular()
    {
        static int Ink(TextStyle style)
        {
            var content = new DocumentContent().Paragraph(new TextRun("漢漢漢漢漢漢", style.WithSize(24)));
            using var bitmap = SKBitmap.Decode(new PdfRenderer(Fonts.DejaVu).RenderPng(content, Options, 1, 1));
            var ink = 0;
            for (var y = 0; y < 120; y++)
            {
                for (var x = 0; x < 300; x++)
                {
                    ink += bitmap.GetPixel(x, y).Red < 128 ? 1 : 0;
                }
            }

            return ink;
        }

        Assert.True(Ink(TextStyle.Body.Bold()) > Ink(TextStyle.Body) * 1.15, "bold ideographs in the preview are darker than regular ones");
    }

    [Fact]
    public void Characters_no_font_has_are_named_and_drawn_as_a_placeholder()
    {
        // U+1FAE0 (melting face, Unicode 14) is newer than the emoji font; U+17000 is Tangut, which no font here has.
        var result = Render("Launch 🫠 day 𗀀 漢");

        Assert.Equal(["𗀀", "🫠"], result.MissingCharacters.Order(StringComparer.Ordinal));
        Assert.Contains("Launch □ day □ 漢", PdfPigText(result.Pdf));
    }

    [Fact]
    public void The_preview_draws_fallback_glyphs_where_the_pdf_does()
    {
        var content = new DocumentContent().Paragraph(new TextRun("漢漢漢漢漢漢", TextStyle.Body.WithSize(24)));
        var png = new PdfRenderer(Fonts.DejaVu).RenderPng(content, Options, 1, 1);

        using var bitmap = SKBitmap.Decode(png);
        var ink = 0;
        for (var y = 0; y < 120; y++)
        {
            for (var x = 0; x < 300; x++)
            {
                ink += bitmap.GetPixel(x, y).Red < 128 ? 1 : 0;
            }
        }

        // Six 24 pt ideographs are hundreds of dark pixels; six tofu boxes or nothing would be far fewer.
        Assert.True(ink > 600, $"{ink} dark pixels");
    }
}
