using CareerKit.Pdf.Document;
using SkiaSharp;

namespace CareerKit.Pdf.Tests;

public sealed class RasterTests
{
    [Fact]
    public void A_page_renders_as_a_png_of_the_paper_size_with_the_text_drawn()
    {
        var png = new PdfRenderer(Fonts.DejaVu).RenderPng(SampleDocuments.TwoPageResume(), SampleDocuments.Options, page: 1, scale: 1);

        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal((596, 842), (bitmap.Width, bitmap.Height));
        Assert.Equal(SKColors.White, bitmap.GetPixel(5, 5));
        var inked = 0;
        for (var y = 48; y < 80; y++)
        {
            for (var x = 48; x < 300; x++)
            {
                inked += bitmap.GetPixel(x, y).Red < 128 ? 1 : 0;
            }
        }

        Assert.True(inked > 200, $"the name heading should be drawn near the top left; {inked} dark pixels");
    }

    [Fact]
    public void Asking_for_a_page_that_does_not_exist_says_how_many_there_are()
    {
        var failure = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new PdfRenderer(Fonts.DejaVu).RenderPng(SampleDocuments.TwoPageResume(), SampleDocuments.Options, page: 3));

        Assert.Contains("has 2 page(s)", failure.Message);
    }
}
