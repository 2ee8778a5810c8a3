using CareerKit.Pdf.Elements;
using CareerKit.Pdf.Fonts;
using CareerKit.Pdf.Layout;
using CareerKit.Pdf.Text;
using SkiaSharp;

namespace CareerKit.Pdf.Document;

/// <summary>Lays content out on pages and writes it as a PDF, or draws one page as a PNG with the same layout.</summary>
public sealed class PdfRenderer(FontLibrary fonts)
{
    /// <summary>More pages than this is a runaway layout, not a document.</summary>
    public const int MaxPages = 200;

    private static readonly TextStyle FooterStyle = TextStyle.Body.WithSize(8).WithColor(DocumentContent.Muted);

    public RenderResult RenderPdf(DocumentContent content, DocumentOptions options)
    {
        using var prepared = Prepare(content);
        var pages = LayOut(prepared, options);
        var paper = PaperSizes.Of(options.Paper);
        using var stream = new MemoryStream();
        using (var document = SKDocument.CreatePdf(stream, Metadata(options)))
        {
            for (var index = 0; index < pages.Count; index++)
            {
                DrawPage(document.BeginPage(paper.Width, paper.Height), pages, index, prepared, options);
                document.EndPage();
            }

            document.Close();
        }

        DisposeAll(pages);
        return new RenderResult(stream.ToArray(), pages.Count, [.. prepared.Fonts.MissingCharacters]);
    }

    /// <summary>One page drawn on a raster canvas at <paramref name="scale"/> pixels per point, as PNG.</summary>
    public byte[] RenderPng(DocumentContent content, DocumentOptions options, int page, float scale = 1)
    {
        using var prepared = Prepare(content);
        var pages = LayOut(prepared, options);
        try
        {
            if (page < 1 || page > pages.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(page), $"The document has {pages.Count} page(s); there is no page {page}.");
            }

            var paper = PaperSizes.Of(options.Paper);
            using var surface = SKSurface.Create(new SKImageInfo((int)Math.Ceiling(paper.Width * scale), (int)Math.Ceiling(paper.Height * scale)));
            surface.Canvas.Clear(SKColors.White);
            surface.Canvas.Scale(scale);
            DrawPage(surface.Canvas, pages, page - 1, prepared, options);
            using var image = surface.Snapshot();
            using var png = image.Encode(SKEncodedImageFormat.Png, 100);
            return png.ToArray();
        }
        finally
        {
            DisposeAll(pages);
        }
    }

    private PreparedContent Prepare(DocumentContent content)
    {
        var set = new FontSet(fonts);
        try
        {
            var blocks = ElementFactory.Prepare(content.Blocks, set);
            set.Prepare("Page 0123456789 of", FooterStyle.Font);
            set.Build();
            return new PreparedContent(blocks, set, new LineBreaker(set));
        }
        catch
        {
            set.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Lays the content out once, recording each page as a picture; the page count is known at the end, so the
    /// "Page X of Y" footers are drawn when the pictures are played onto the real pages.
    /// </summary>
    private static List<SKPicture> LayOut(PreparedContent prepared, DocumentOptions options)
    {
        var paper = PaperSizes.Of(options.Paper);
        var area = new Size(paper.Width - (2 * options.Margin), paper.Height - (2 * options.Margin));
        var root = new ElementFactory(prepared.Breaker, area.Height).Create(prepared.Blocks);
        var pages = new List<SKPicture>();
        using var recorder = new SKPictureRecorder();
        while (true)
        {
            var plan = root.Measure(area);
            if (plan.Kind == SpacePlanKind.Wrap)
            {
                DisposeAll(pages);
                throw new InvalidOperationException("Part of the content is taller than a whole page and cannot be laid out.");
            }

            if (pages.Count == MaxPages)
            {
                DisposeAll(pages);
                throw new PageLimitExceededException(MaxPages);
            }

            var canvas = recorder.BeginRecording(SKRect.Create(paper.Width, paper.Height));
            canvas.Translate(options.Margin, options.Margin);
            root.Draw(canvas, area);
            pages.Add(recorder.EndRecording());
            if (plan.Kind is SpacePlanKind.FullRender or SpacePlanKind.Empty)
            {
                return pages;
            }
        }
    }

    private static void DrawPage(SKCanvas canvas, List<SKPicture> pages, int index, PreparedContent prepared, DocumentOptions options)
    {
        canvas.DrawPicture(pages[index]);
        if (options.PageNumbers)
        {
            DrawFooter(canvas, prepared.Breaker, PaperSizes.Of(options.Paper), options.Margin, $"Page {index + 1} of {pages.Count}");
        }
    }

    private static void DisposeAll(List<SKPicture> pages)
    {
        foreach (var page in pages)
        {
            page.Dispose();
        }
    }

    private static void DrawFooter(SKCanvas canvas, LineBreaker breaker, Size paper, float margin, string text)
    {
        var line = breaker.Break([new TextRun(text, FooterStyle)], paper.Width).Single();
        TextPainter.DrawLine(canvas, breaker, line, (paper.Width - line.Width) / 2, paper.Height - (margin / 2) - line.Height);
    }

    private static SKDocumentPdfMetadata Metadata(DocumentOptions options) => new()
    {
        Title = options.Metadata.Title,
        Author = options.Metadata.Author,
        Subject = options.Metadata.Subject,
        Keywords = options.Metadata.Keywords,
        Creator = options.Metadata.Creator,
        Producer = "CareerKit.Pdf (SkiaSharp)",
        Creation = options.CreationDate,
        Modified = options.CreationDate,
        RasterDpi = 72,
        EncodingQuality = 101,
    };

    /// <summary>Content ready to lay out; the line breaker's shaping cache serves both passes over the pages.</summary>
    private sealed record PreparedContent(IReadOnlyList<Block> Blocks, FontSet Fonts, LineBreaker Breaker) : IDisposable
    {
        public void Dispose()
        {
            Breaker.Dispose();
            Fonts.Dispose();
        }
    }
}
