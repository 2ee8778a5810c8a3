using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CareerKit.Resumes;

/// <summary>
/// The renderer's traces and metrics, under the app's name ("CareerKit"), so the function app's OpenTelemetry setup
/// (which listens to that source and meter) exports them; without a listener, as in the command-line tool, they cost nothing.
/// </summary>
public static class ResumeTelemetry
{
    public const string Name = "CareerKit";

    public static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    public static readonly Histogram<double> PdfRenderDuration = Meter.CreateHistogram<double>("careerkit.pdf.render.duration", unit: "ms", description: "Time to lay out and write one resume PDF");
}
