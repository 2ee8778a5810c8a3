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
        var pageCount = CountPages(prepared, options);
        using var stream = new MemoryStream();
        using (var document = SKDocument.CreatePdf(stream, Metadata(options)))
        {
            var paper = PaperSizes.Of(options.Paper);
            Paginate(prepared, options, pageCount, _ => document.BeginPage(paper.Width, paper.Height), document.EndPage);
            document.Close();
        }

        return new RenderResult(stream.ToArray(), pageCount, [.. prepared.Fonts.MissingCharacters]);
    }

    /// <summary>One page drawn on a raster canvas at <paramref name="scale"/> pixels per point, as PNG.</summary>
    public byte[] RenderPng(DocumentContent content, DocumentOptions options, int page, float scale = 1)
    {
        using var prepared = Prepare(content);
        var pageCount = CountPages(prepared, options);
        if (page < 1 || page > pageCount)
        {
            throw new ArgumentOutOfRangeException(nameof(page), $"The document has {pageCount} page(s); there is no page {page}.");
        }

        var paper = PaperSizes.Of(options.Paper);
        using var surface = SKSurface.Create(new SKImageInfo((int)Math.Ceiling(paper.Width * scale), (int)Math.Ceiling(paper.Height * scale)));
        using var skip = new SKNoDrawCanvas((int)paper.Width, (int)paper.Height);
        Paginate(prepared, options, pageCount, index =>
        {
            if (index != page)
            {
                return skip;
            }

            surface.Canvas.Clear(SKColors.White);
            surface.Canvas.Scale(scale);
            return surface.Canvas;
        }, () => { });
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

    private static int CountPages(PreparedContent prepared, DocumentOptions options)
    {
        var paper = PaperSizes.Of(options.Paper);
        using var canvas = new SKNoDrawCanvas((int)paper.Width, (int)paper.Height);
        return Paginate(prepared, options, totalPages: null, _ => canvas, () => { });
    }

    /// <returns>The number of pages.</returns>
    private static int Paginate(PreparedContent prepared, DocumentOptions options, int? totalPages, Func<int, SKCanvas> beginPage, Action endPage)
    {
        var breaker = prepared.Breaker;
        var root = new ElementFactory(breaker).Create(prepared.Blocks);
        var paper = PaperSizes.Of(options.Paper);
        var area = new Size(paper.Width - (2 * options.Margin), paper.Height - (2 * options.Margin));
        for (var page = 1; ; page++)
        {
            var plan = root.Measure(area);
            if (plan.Kind == SpacePlanKind.Wrap)
            {
                throw new InvalidOperationException("Part of the content is taller than a whole page and cannot be laid out.");
            }

            if (page > MaxPages)
            {
                throw new InvalidOperationException($"The document would have more than {MaxPages} pages.");
            }

            var canvas = beginPage(page);
            canvas.Save();
            canvas.Translate(options.Margin, options.Margin);
            root.Draw(canvas, area);
            canvas.Restore();
            if (options.PageNumbers && totalPages is { } total)
            {
                DrawFooter(canvas, breaker, paper, options.Margin, $"Page {page} of {total}");
            }

            endPage();
            if (plan.Kind is SpacePlanKind.FullRender or SpacePlanKind.Empty)
            {
                return page;
            }
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
        public void Dispose() => Fonts.Dispose();
    }
}
