using System.Globalization;
using System.Net;
using System.Text;

namespace CareerKit.Editor;

/// <summary>
/// A small inline SVG bar chart of the latest editions' figures: no script, no external file, readable without
/// colour (every bar has its figure as a title, and the same numbers are in the table below it).
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

        const int barWidth = 8, gap = 14, height = 140, top = 10, labelHeight = 34;
        var groupWidth = (Series.Length * barWidth) + gap;
        var width = (shown.Count * groupWidth) + gap;
        var max = Math.Max(1, shown.Max(edition => Series.Max(series => series.Value(edition))));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"chart-title\" viewBox=\"0 0 {width} {top + height + labelHeight}\" width=\"100%\" style=\"max-width:{width * 2}px\">");
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

            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"{top + height + 14}\" font-size=\"9\" fill=\"currentColor\">{WebUtility.HtmlEncode(edition.IsoWeek[2..])}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"{top + height + 26}\" font-size=\"9\" fill=\"currentColor\">{edition.Track.Code()}</text>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>The colour key, for the page to show beside the chart.</summary>
    public static IEnumerable<object> Legend() => Series.Select(series => new { series.Name, series.Colour });
}
