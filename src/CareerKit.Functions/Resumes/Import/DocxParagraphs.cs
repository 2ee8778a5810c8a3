using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace CareerKit.Resumes.Import;

/// <summary>Turns one Word paragraph into lines: its style (heading, list), its runs' weight and size, its links.</summary>
internal sealed partial class DocxParagraphs
{
    private readonly Dictionary<string, Style> _styles;
    private readonly Dictionary<string, string> _links;
    private readonly float _defaultSize;

    public DocxParagraphs(MainDocumentPart main)
    {
        var styles = main.StyleDefinitionsPart?.Styles;
        _styles = styles?.Elements<Style>().Where(style => style.StyleId?.Value is not null)
            .GroupBy(style => style.StyleId!.Value!).ToDictionary(group => group.Key, group => group.First()) ?? [];
        _links = main.HyperlinkRelationships.ToDictionary(link => link.Id, link => link.Uri.OriginalString);
        var defaultSize = styles?.DocDefaults?.RunPropertiesDefault?.RunPropertiesBaseStyle?.FontSize?.Val?.Value;
        _defaultSize = HalfPoints(defaultSize) ?? 11;
    }

    public IEnumerable<ResumeLine> Lines(Paragraph paragraph)
    {
        var styleId = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
        var styleName = Chain(styleId).Select(style => style.StyleName?.Val?.Value).FirstOrDefault(name => name is not null)?.ToLowerInvariant() ?? "";
        // Headings 1 and 2 head sections (or carry the name); a Heading 3 is an entry's title, read as a bold line.
        var level = styleName.StartsWith("heading ", StringComparison.Ordinal) && int.TryParse(styleName[8..], out var named) ? named - 1
            : paragraph.ParagraphProperties?.OutlineLevel?.Val?.Value ?? Chain(styleId).Select(style => style.StyleParagraphProperties?.OutlineLevel?.Val?.Value).FirstOrDefault(outline => outline is not null);
        var heading = level is < 2;
        var listed = paragraph.ParagraphProperties?.NumberingProperties?.NumberingId?.Val?.Value is > 0
            || (paragraph.ParagraphProperties?.NumberingProperties is null && Chain(styleId).Any(style => style.StyleParagraphProperties?.NumberingProperties is not null))
            || styleName.Contains("list", StringComparison.Ordinal);
        var kind = heading && styleName != "title" ? LineKind.Heading : listed ? LineKind.Bullet : LineKind.Text;
        var paragraphBold = Chain(styleId).Select(style => style.StyleRunProperties?.Bold).FirstOrDefault(bold => bold is not null) is { } b && (b.Val?.Value ?? true);
        var paragraphSize = Chain(styleId).Select(style => HalfPoints(style.StyleRunProperties?.FontSize?.Val?.Value)).FirstOrDefault(size => size is not null) ?? _defaultSize;

        var segments = new List<LineSegment>();
        var links = new List<string>();
        var text = new StringBuilder();
        bool? bold = null;
        var gap = false;
        var size = 0f;

        foreach (var field in paragraph.Descendants<FieldCode>().Select(code => FieldLink().Match(code.Text)).Where(match => match.Success))
        {
            links.Add(field.Groups["url"].Value);
        }

        void Flush()
        {
            var value = text.ToString().Trim();
            if (value.Length > 0)
            {
                segments.Add(new LineSegment(value, bold ?? false, gap && segments.Count > 0));
                gap = false;
            }
            else if (segments.Count == 0)
            {
                gap = false;
            }

            text.Clear();
        }

        IEnumerable<ResumeLine> Finish()
        {
            Flush();
            if (segments.Count > 0)
            {
                yield return new ResumeLine([.. segments], size == 0 ? paragraphSize : size, kind, [.. links.Distinct(StringComparer.Ordinal)]);
            }

            segments.Clear();
            links.Clear();
            size = 0;
        }

        foreach (var run in paragraph.Descendants<Run>().Where(run => run.Ancestors<Paragraph>().First() == paragraph))
        {
            var runBold = run.RunProperties?.Bold is { } own ? own.Val?.Value ?? true : paragraphBold;
            if (bold is not null && runBold != bold && text.ToString().Trim().Length > 0)
            {
                Flush();
            }

            bold = runBold;
            size = Math.Max(size, HalfPoints(run.RunProperties?.FontSize?.Val?.Value) ?? paragraphSize);
            if (run.Parent is Hyperlink { Id.Value: { } id } && _links.TryGetValue(id, out var uri) && !links.Contains(uri))
            {
                links.Add(uri);
            }

            foreach (var child in run.ChildElements)
            {
                switch (child)
                {
                    case Text piece:
                        text.Append(piece.Text);
                        break;
                    case TabChar or PositionalTab:
                        Flush();
                        gap = true;
                        break;
                    case Break when kind == LineKind.Bullet:
                        text.Append(' ');
                        break;
                    case Break or CarriageReturn:
                        foreach (var line in Finish())
                        {
                            yield return line;
                        }

                        break;
                    case NoBreakHyphen:
                        text.Append('-');
                        break;
                }
            }
        }

        foreach (var line in Finish())
        {
            yield return line;
        }
    }

    /// <summary>A style and the styles it is based on, nearest first.</summary>
    private IEnumerable<Style> Chain(string? styleId)
    {
        for (var depth = 0; styleId is not null && depth < 10 && _styles.TryGetValue(styleId, out var style); depth++)
        {
            yield return style;
            styleId = style.BasedOn?.Val?.Value;
        }
    }

    private static float? HalfPoints(string? value) => float.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var halves) ? halves / 2 : null;

    [GeneratedRegex("HYPERLINK\\s+\"(?<url>[^\"]+)\"")]
    private static partial Regex FieldLink();
}
