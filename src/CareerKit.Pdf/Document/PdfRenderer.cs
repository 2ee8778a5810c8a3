using CareerKit.Pdf.Document.Pdf;
using CareerKit.Pdf.Fonts;
using CareerKit.Pdf.Layout;
using CareerKit.Pdf.Text;
using SkiaSharp;

namespace CareerKit.Pdf.Document;

/// <summary>
/// Lays content out on pages and writes it as a tagged PDF with our own writer, or draws one page as a PNG with
/// Skia and the same layout.
/// </summary>
public sealed class PdfRenderer(FontLibrary fonts)
{
    /// <summary>More pages than this is a runaway layout, not a document.</summary>
    public const int MaxPages = 200;

    private static readonly TextStyle FooterStyle = TextStyle.Body.WithSize(8).WithColor(DocumentContent.Muted);

    public RenderResult RenderPdf(DocumentContent content, DocumentOptions options)
    {
        using var prepared = Prepare(content);
        var pdf = new PdfSurface(PaperSizes.Of(options.Paper));
        var pageCount = LayOut(prepared, options, _ => pdf.NewPage());
        for (var index = 0; index < pageCount; index++)
        {
            DrawFooter(pdf.OnPage(index), prepared, options, index, pageCount);
        }

        return new RenderResult(PdfDocumentWriter.Write(pdf, prepared.Fonts, options), pageCount, [.. prepared.Fonts.MissingCharacters]);
    }

    /// <summary>The characters of the content that no font has (each drawn as □), without laying anything out.</summary>
    public IReadOnlyList<string> MissingCharacters(DocumentContent content)
    {
        using var set = new FontSet(fonts);
        ElementFactory.Prepare(content.Blocks, set);
        return [.. set.MissingCharacters];
    }

    /// <summary>One page drawn on a raster canvas at <paramref name="scale"/> pixels per point, as PNG.</summary>
    public byte[] RenderPng(DocumentContent content, DocumentOptions options, int page, float scale = 1)
    {
        using var prepared = Prepare(content);
        var paper = PaperSizes.Of(options.Paper);
        using var surface = SKSurface.Create(new SKImageInfo((int)Math.Ceiling(paper.Width * scale), (int)Math.Ceiling(paper.Height * scale)));
        surface.Canvas.Clear(SKColors.White);
        surface.Canvas.Scale(scale);
        var raster = new RasterSurface(surface.Canvas);
        var nowhere = new NoSurface();
        var pageCount = LayOut(prepared, options, index => index == page - 1 ? raster : nowhere);
        if (page < 1 || page > pageCount)
        {
            throw new ArgumentOutOfRangeException(nameof(page), $"The document has {pageCount} page(s); there is no page {page}.");
        }

        DrawFooter(raster, prepared, options, page - 1, pageCount);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
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
    /// Lays the content out once, page after page, on the surface <paramref name="pageSurface"/> gives for each page;
    /// returns the page count, known only at the end, so "Page X of Y" footers are drawn afterwards.
    /// </summary>
    private static int LayOut(PreparedContent prepared, DocumentOptions options, Func<int, Surface> pageSurface)
    {
        var paper = PaperSizes.Of(options.Paper);
        var area = new Size(paper.Width - (2 * options.Margin), paper.Height - (2 * options.Margin));
        var root = new ElementFactory(prepared.Breaker, area.Height).Create(prepared.Blocks);
        for (var pages = 0; ; pages++)
        {
            var plan = root.Measure(area);
            if (plan.Kind == SpacePlanKind.Wrap)
            {
                throw new InvalidOperationException("Part of the content is taller than a whole page and cannot be laid out.");
            }

            if (pages == MaxPages)
            {
                throw new PageLimitExceededException(MaxPages);
            }

            var surface = pageSurface(pages);
            surface.Save();
            surface.Translate(options.Margin, options.Margin);
            root.Draw(surface, area);
            surface.Restore();
            if (plan.Kind is SpacePlanKind.FullRender or SpacePlanKind.Empty)
            {
                return pages + 1;
            }
        }
    }

    /// <summary>"Page X of Y", centred in the bottom margin: an artifact, not part of the document's text.</summary>
    private static void DrawFooter(Surface surface, PreparedContent prepared, DocumentOptions options, int index, int pageCount)
    {
        if (!options.PageNumbers)
        {
            return;
        }

        var paper = PaperSizes.Of(options.Paper);
        var line = prepared.Breaker.Break([new TextRun($"Page {index + 1} of {pageCount}", FooterStyle)], paper.Width).Single();
        surface.BeginArtifact();
        surface.DrawLine(line, prepared.Breaker, (paper.Width - line.Width) / 2, paper.Height - (options.Margin / 2) - line.Height);
        surface.EndArtifact();
    }

    /// <summary>Content ready to lay out; the line breaker's shaping cache serves the whole layout.</summary>
    private sealed record PreparedContent(IReadOnlyList<Block> Blocks, FontSet Fonts, LineBreaker Breaker) : IDisposable
    {
        public void Dispose()
        {
            Breaker.Dispose();
            Fonts.Dispose();
        }
    }
}
