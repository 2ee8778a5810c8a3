using CareerKit.Pdf.Document;
using CareerKit.Rendering;
using CareerKit.Resumes;

namespace CareerKit.Hosting;

/// <summary>
/// Work the first requests would otherwise do, started on the second core while the host starts: building the
/// endpoints (what the route matcher needs), parsing and rendering the page templates, then loading the fonts and
/// drawing one resume so the PDF engine's code and native libraries are loaded. The first answers after a cold start
/// come sooner; nothing waits for this, and a failure here only means that work is done later.
/// </summary>
internal static partial class StartupWarmUp
{
    public static void Begin(WebApplication app) => _ = Task.Run(() =>
    {
        try
        {
            foreach (var source in ((IEndpointRouteBuilder)app).DataSources)
            {
                _ = source.Endpoints.Count;
            }

            var templates = app.Services.GetRequiredService<TemplateLibrary>();
            _ = templates.RenderHtml("pages/_layout.liquid", new { Title = "", Body = "" });
            templates.Prepare("pages/signup.liquid", "pages/check-inbox.liquid", "pages/resumes.liquid", "pages/error.liquid");

            if (app.Services.GetRequiredService<ResumeTemplates>().Find(ResumeTemplate.Tracks[0]) is { } template)
            {
                _ = app.Services.GetRequiredService<ResumeRenderer>().Render(template.Document, template, Paper.A4);
            }
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            LogUnfinished(app.Logger, failure);
        }
    });

    [LoggerMessage(Level = LogLevel.Debug, Message = "Start-up warm-up did not finish; the first requests do that work")]
    private static partial void LogUnfinished(ILogger logger, Exception failure);
}
