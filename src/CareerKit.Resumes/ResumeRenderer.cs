using CareerKit.Pdf.Document;
using CareerKit.Pdf.Fonts;

namespace CareerKit.Resumes;

/// <summary>Renders resumes with the PDF engine and the shipped fonts, loaded once.</summary>
public sealed class ResumeRenderer : IDisposable
{
    /// <summary>Part of every cache key: bump when the layout changes, so cached PDFs are redrawn.</summary>
    public const string LayoutVersion = "4";
    private readonly FontLibrary _fonts;
    private readonly PdfRenderer _renderer;

    /// <param name="fontsPath">Folder of the DejaVu Sans .ttf files; by default fonts/ next to the executable, where the build copies them.</param>
    public ResumeRenderer(string? fontsPath = null)
    {
        _fonts = FontLibrary.DejaVuSans(fontsPath ?? Path.Combine(AppContext.BaseDirectory, "fonts"));
        _renderer = new PdfRenderer(_fonts);
    }

    /// <summary>
    /// The date every resume PDF carries. Fixed, so the same input and options always give the same bytes and
    /// PDFs can be cached by content hash.
    /// </summary>
    public static readonly DateTime FixedDate = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public RenderResult Render(ResumeDocument resume, ResumeTemplate template, Paper paper)
    {
        using var activity = ResumeTelemetry.Source.StartActivity("render resume PDF");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = _renderer.RenderPdf(ResumeComposer.Compose(resume, template), Options(resume, template, paper));
        var track = new KeyValuePair<string, object?>("track", template.Track.ResumeSlug());
        ResumeTelemetry.PdfRenderDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, track);
        activity?.SetTag("track", template.Track.ResumeSlug()).SetTag("pdf.bytes", result.Pdf.Length).SetTag("pdf.pages", result.PageCount);
        return result;
    }

    /// <summary>The resume's characters that no shipped font has: the PDF draws each as □, so the reader is told.</summary>
    public IReadOnlyList<string> MissingCharacters(ResumeDocument resume, ResumeTemplate template) =>
        _renderer.MissingCharacters(ResumeComposer.Compose(resume, template));

    public byte[] RenderPng(ResumeDocument resume, ResumeTemplate template, Paper paper, int page, float scale) =>
        _renderer.RenderPng(ResumeComposer.Compose(resume, template), Options(resume, template, paper), page, scale);

    private static DocumentOptions Options(ResumeDocument resume, ResumeTemplate template, Paper paper) => new()
    {
        Paper = paper,
        Margin = 46,
        // No "Page X of Y" footer: parsers read a page as one run of lines, so the footer lands inside the entry
        // that continues on the next page ("Page 1 of 2Arion bank").
        PageNumbers = false,
        Metadata = ResumeComposer.Metadata(resume, template),
        Language = resume.Language ?? ResumeLanguage.Default,
        CreationDate = FixedDate,
    };

    public void Dispose() => _fonts.Dispose();
}
