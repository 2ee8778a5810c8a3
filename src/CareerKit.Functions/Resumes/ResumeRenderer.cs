using CareerKit.Hosting;
using CareerKit.Pdf.Document;
using CareerKit.Pdf.Fonts;
using Microsoft.Extensions.Options;

namespace CareerKit.Resumes;

/// <summary>Renders resumes with the PDF engine and the shipped fonts, loaded once.</summary>
public sealed class ResumeRenderer : IDisposable
{
    /// <summary>Part of every cache key: bump when the layout changes, so cached PDFs are redrawn.</summary>
    public const string LayoutVersion = "1";
    private readonly FontLibrary _fonts;
    private readonly PdfRenderer _renderer;
    private readonly TimeProvider _time;

    public ResumeRenderer(IOptions<CareerKitOptions> options, TimeProvider time)
    {
        _fonts = FontLibrary.DejaVuSans(options.Value.FontsPath ?? Path.Combine(AppContext.BaseDirectory, "fonts"));
        _renderer = new PdfRenderer(_fonts);
        _time = time;
    }

    /// <param name="fixedDate">The date written into the PDF; fixed for templates so their bytes never change.</param>
    public RenderResult Render(ResumeDocument resume, ResumeTemplate template, Paper paper, DateTime? fixedDate = null) =>
        _renderer.RenderPdf(ResumeComposer.Compose(resume, template), Options(resume, template, paper, fixedDate));

    public byte[] RenderPng(ResumeDocument resume, ResumeTemplate template, Paper paper, int page, float scale) =>
        _renderer.RenderPng(ResumeComposer.Compose(resume, template), Options(resume, template, paper, TemplateDate), page, scale);

    /// <summary>Templates carry a fixed date, so the same template version always gives the same bytes.</summary>
    public static readonly DateTime TemplateDate = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private DocumentOptions Options(ResumeDocument resume, ResumeTemplate template, Paper paper, DateTime? fixedDate) => new()
    {
        Paper = paper,
        Margin = 46,
        Metadata = ResumeComposer.Metadata(resume, template),
        CreationDate = fixedDate ?? _time.GetUtcNow().UtcDateTime.Date,
    };

    public void Dispose() => _fonts.Dispose();
}
