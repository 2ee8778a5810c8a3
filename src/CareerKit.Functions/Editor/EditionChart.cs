using System.Globalization;
using System.Net;
using System.Text;

namespace CareerKit.Editor;

/// <summary>
/// A small inline SVG bar chart of the latest editions' figures: no script, no external file, readable without
/// colour (every bar has its figure as a title, and the same numbers are in the table below it). It is drawn at its
/// own size in pixels, never scaled to the column: scaled down to a phone its labels shrank to 6 px, so on a narrow
/// screen it scrolls sideways in its own box instead. Each edition's group is wider than its labels, so they never meet.
/// </summary>
public static class EditionChart
{
    public const int MaxEditions = 8;
    private static readonly (string Name, string Colour, Func<EditionSummary, int> Value)[] Series =
    [
        ("Recipients", "#8c959f", summary => summary.Recipients),
        ("Delivered", "#0b57d0", summary => summary.Delivered),
        ("Opened", "#1a7f37", summary => summary.Opened),
        ("Clicked", "#8250df", summary => summary.Clicked),
        ("Bounced", "#b3261e", summary => summary.Bounced),
        ("Unsubscribed", "#bc4c00", summary => summary.Unsubscribed),
    ];

    public static string Svg(IReadOnlyList<EditionSummary> editions)
    {
        var shown = editions.Where(edition => edition.Status == "sent").Take(MaxEditions).Reverse().ToList();
        if (shown.Count == 0)
        {
            return "";
        }

        // Labels are 12 px: "35-W09" is about 45 px wide, under a group's 54 px of bars, and groups are 24 px apart. The
        // two label lines are 20 px apart: a font with tall ascenders and descenders (Noto Sans, the sans-serif of many
        // Linux and Android browsers) fills more than 16 px at 12 px, and at 16 px apart the lines overlapped.
        const int barWidth = 9, gap = 24, height = 160, top = 10, labelHeight = 46, fontSize = 12, lineGap = 20;
        var groupWidth = (Series.Length * barWidth) + gap;
        var width = (shown.Count * groupWidth) + gap;
        var fullHeight = top + height + labelHeight;
        var max = Math.Max(1, shown.Max(edition => Series.Max(series => series.Value(edition))));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"chart-title\" viewBox=\"0 0 {width} {fullHeight}\" width=\"{width}\" height=\"{fullHeight}\">");
        svg.Append("<title id=\"chart-title\">Recipients, deliveries, opens, clicks, bounces and unsubscribes of the latest sent editions</title>");
        for (var index = 0; index < shown.Count; index++)
        {
            var edition = shown[index];
            var x = gap + (index * groupWidth);
            for (var s = 0; s < Series.Length; s++)
            {
                var (name, colour, value) = Series[s];
                var barHeight = (int)Math.Round(height * value(edition) / (double)max);
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x + (s * barWidth)}\" y=\"{top + height - barHeight}\" width=\"{barWidth - 1}\" height=\"{barHeight}\" fill=\"{colour}\"><title>{WebUtility.HtmlEncode($"{edition.Id}: {name} {value(edition)}")}</title></rect>");
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"{top + height + 16}\" font-size=\"{fontSize}\" fill=\"currentColor\">{WebUtility.HtmlEncode(edition.IsoWeek[2..])}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"{top + height + 16 + lineGap}\" font-size=\"{fontSize}\" fill=\"currentColor\">{edition.Track.Code()}</text>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>The colour key, for the page to show beside the chart.</summary>
    public static IEnumerable<object> Legend() => Series.Select(series => new { series.Name, series.Colour });
}
