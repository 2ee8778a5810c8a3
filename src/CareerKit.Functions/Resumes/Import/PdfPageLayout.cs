using UglyToad.PdfPig.Content;

namespace CareerKit.Resumes.Import;

/// <summary>One page of a PDF laid out as lines in reading order.</summary>
internal static partial class PdfPageLayout
{
    /// <summary>A date range cut off at the end of a row: "2021-09-01 – 2023-", "Jul 2020 –".</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\s(?:(?:[A-Za-z]{3,9}\.? )?(?:19|20)\d\d(?:-\d\d){0,2}|\d\d/(?:19|20)\d\d)\s*[–—-]\s*(?:(?:19|20)\d\d-?(?:\d\d-?)?)?$")]
    private static partial System.Text.RegularExpressions.Regex BrokenDates();

    private static readonly HashSet<string> BulletMarks = ["•", "●", "▪", "■", "◦", "‣", "–", "-", "*", "·", "○", "►", "▸", "✓", "", ""];

    /// <summary>A word as placed on the page: x grows rightwards, the baseline upwards.</summary>
    private sealed record PlacedWord(string Text, double Left, double Right, double Baseline, double Size, bool Bold, string? Link);

    /// <summary>A line while it is built: its words' extent, the left of its text after any bullet, its runs.</summary>
    private sealed record RawLine(List<LineSegment> Segments, double Left, double TextLeft, double Right, double Baseline, double Size, bool Marked, List<string> Links)
    {
        public double Right { get; set; } = Right;

        public double Baseline { get; set; } = Baseline;

        public bool HasGap => Segments.Skip(1).Any(segment => segment.AfterGap);
    }

    public static IEnumerable<ResumeLine> Lines(Page page)
    {
        var links = page.GetHyperlinks();
        var found = page.GetWords()
            .Where(word => word.TextOrientation == TextOrientation.Horizontal && !string.IsNullOrWhiteSpace(word.Text) && word.Letters.Count > 0)
            .ToList();
        var actualTexts = ActualTexts(page, found);
        var words = found.Select(word => Place(word, links, actualTexts.GetValueOrDefault(word))).ToList();
        if (words.Count == 0)
        {
            return [];
        }

        return Blocks(words).SelectMany(Build);
    }

    /// <summary>
    /// The words whose glyphs a marked-content sequence gives as ActualText, with the text they stand for: where shaping
    /// joined or reordered glyphs (a Hindi conjunct, a vowel sign drawn before its consonant), the glyphs alone read back
    /// wrong. A sequence's text goes to its words one piece each, when it has as many pieces as words.
    /// </summary>
    private static Dictionary<Word, string> ActualTexts(Page page, List<Word> words)
    {
        var spans = new List<MarkedContentElement>();
        Collect(page.GetMarkedContents());
        if (spans.Count == 0)
        {
            return [];
        }

        var spanOf = new Dictionary<Letter, int>(ReferenceEqualityComparer.Instance);
        for (var index = 0; index < spans.Count; index++)
        {
            foreach (var letter in spans[index].Letters)
            {
                spanOf[letter] = index;
            }
        }

        var texts = new Dictionary<Word, string>(ReferenceEqualityComparer.Instance);
        var inSpans = words
            .Where(word => spanOf.ContainsKey(word.Letters[0]) && word.Letters.All(letter => spanOf.TryGetValue(letter, out var span) && span == spanOf[word.Letters[0]]))
            .GroupBy(word => spanOf[word.Letters[0]]);
        foreach (var group in inSpans)
        {
            var pieces = spans[group.Key].ActualText!.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var inOrder = group.OrderBy(word => word.BoundingBox.Left).ToList();
            if (pieces.Length == inOrder.Count)
            {
                for (var index = 0; index < pieces.Length; index++)
                {
                    texts[inOrder[index]] = pieces[index];
                }
            }
        }

        return texts;

        void Collect(IEnumerable<MarkedContentElement> elements)
        {
            foreach (var element in elements)
            {
                if (!string.IsNullOrEmpty(element.ActualText))
                {
                    spans.Add(element);
                }
                else
                {
                    Collect(element.Children);
                }
            }
        }
    }

    private static PlacedWord Place(Word word, IReadOnlyList<Hyperlink> links, string? actualText)
    {
        var box = word.BoundingBox;
        var (x, y) = ((box.Left + box.Right) / 2, (box.Bottom + box.Top) / 2);
        var link = links.FirstOrDefault(link => link.Bounds.Left - 1 <= x && x <= link.Bounds.Right + 1 && link.Bounds.Bottom - 1 <= y && y <= link.Bounds.Top + 1)?.Uri;
        // Punctuation takes no part in a word's weight: in "<b>Web Programming I</b>, Acme" the word "I," is bold.
        var letters = word.Letters.Where(letter => letter.Value.Length > 0 && char.IsLetterOrDigit(letter.Value[0])).ToList() is { Count: > 0 } text ? text : [.. word.Letters];
        var bold = letters.Count(IsBold) * 2 > letters.Count;
        // NFKC: ligature glyphs ("ﬃ") read as their letters.
        return new PlacedWord((actualText ?? word.Text).Normalize(System.Text.NormalizationForm.FormKC), box.Left, box.Right, word.Letters[0].StartBaseLine.Y, word.Letters.Max(letter => letter.PointSize), bold, link);
    }

    private static bool IsBold(Letter letter) =>
        letter.FontDetails is { } font && (font.IsBold || font.Weight >= 600)
        || letter.RenderingMode == UglyToad.PdfPig.Core.TextRenderingMode.FillThenStroke // Bold drawn by stroking a regular face's outline.
        || (letter.FontName?.Contains("Bold", StringComparison.OrdinalIgnoreCase) ?? false)
        || (letter.FontName?.Contains("Black", StringComparison.OrdinalIgnoreCase) ?? false)
        || (letter.FontName?.Contains("Heavy", StringComparison.OrdinalIgnoreCase) ?? false)
        || (letter.FontName?.Contains("Semibold", StringComparison.OrdinalIgnoreCase) ?? false);

    /// <summary>The page's rows top to bottom, as blocks read one after another: on a two-column page, each band of rows between full-width rows is read left column first.</summary>
    private static IEnumerable<List<List<PlacedWord>>> Blocks(List<PlacedWord> words)
    {
        var rows = Rows(words);
        if (Gutter(words, rows) is not { } gutter)
        {
            yield return rows;
            yield break;
        }

        List<List<PlacedWord>> left = [], right = [];
        foreach (var row in rows)
        {
            if (row.Any(word => word.Left < gutter && word.Right > gutter))
            {
                if (left.Count + right.Count > 0)
                {
                    yield return left;
                    yield return right;
                    (left, right) = ([], []);
                }

                yield return [row];
                continue;
            }

            if (row.Where(word => word.Right <= gutter).ToList() is { Count: > 0 } leftPart)
            {
                left.Add(leftPart);
            }

            if (row.Where(word => word.Left >= gutter).ToList() is { Count: > 0 } rightPart)
            {
                right.Add(rightPart);
            }
        }

        yield return left;
        yield return right;
    }

    /// <summary>Words on one baseline, top row first, each row left to right.</summary>
    private static List<List<PlacedWord>> Rows(List<PlacedWord> words)
    {
        var rows = new List<List<PlacedWord>>();
        foreach (var word in words.OrderByDescending(word => word.Baseline).ThenBy(word => word.Left))
        {
            var row = rows.Count > 0 ? rows[^1] : null;
            if (row is not null && Math.Abs(row[0].Baseline - word.Baseline) <= Math.Max(1.5, 0.3 * Math.Min(row[0].Size, word.Size)))
            {
                row.Add(word);
            }
            else
            {
                rows.Add([word]);
            }
        }

        foreach (var row in rows)
        {
            row.Sort((a, b) => a.Left.CompareTo(b.Left));
        }

        return rows;
    }

    /// <summary>
    /// The x of a vertical gap that no word crosses, with text enough on each side for two columns (not a single
    /// column with dates at the right margin): null for a one-column page.
    /// </summary>
    private static double? Gutter(List<PlacedWord> words, List<List<PlacedWord>> rows)
    {
        var (minLeft, maxRight) = (words.Min(word => word.Left), words.Max(word => word.Right));
        var width = maxRight - minLeft;
        if (rows.Count < 8 || width < 200)
        {
            return null;
        }

        // The first rows (a name, contact details) may run across both columns; no row below them may.
        var below = rows.Skip(4).SelectMany(row => row).ToList();
        double? best = null;
        var bestWidth = 0.0;
        double? runStart = null;
        for (var x = minLeft + width * 0.15; x <= minLeft + width * 0.85; x += 2)
        {
            if (!below.Any(word => word.Left - 1 < x && x < word.Right + 1))
            {
                runStart ??= x;
                if (x - runStart.Value > bestWidth)
                {
                    (bestWidth, best) = (x - runStart.Value, (runStart.Value + x) / 2);
                }
            }
            else
            {
                runStart = null;
            }
        }

        if (best is not { } gutter || bestWidth < 8)
        {
            return null;
        }

        var leftRows = rows.Count(row => row.Any(word => word.Right <= gutter));
        var rightRows = rows.Where(row => row.Any(word => word.Left >= gutter)).Select(row => string.Join(" ", row.Where(word => word.Left >= gutter).Select(word => word.Text))).ToList();
        var leftChars = words.Where(word => word.Right <= gutter).Sum(word => word.Text.Length);
        var rightChars = words.Where(word => word.Left >= gutter).Sum(word => word.Text.Length);
        var total = leftChars + rightChars;
        var dated = rightRows.Count(text => DateRanges.Find(text) is { } range && range.Length * 2 > text.Length);
        return leftRows >= 4 && rightRows.Count >= 4 && leftChars > total * 0.06 && rightChars > total * 0.06 && dated * 3 < rightRows.Count ? gutter : null;
    }

    private static IEnumerable<ResumeLine> Build(List<List<PlacedWord>> rows)
    {
        if (rows.Count == 0)
        {
            yield break;
        }

        var raw = rows.Select(Line).ToList();
        // The column's left margin: the leftmost x that two lines start at (one line further left is an outlier).
        var margin = raw.GroupBy(line => Math.Round(line.Left)).Where(group => group.Count() >= 2).Select(group => group.Key).DefaultIfEmpty(raw.Min(line => Math.Round(line.Left))).Min();
        var columnRight = raw.Max(line => line.Right);
        var columnWidth = Math.Max(1, columnRight - margin);
        var bodySize = raw.GroupBy(line => Math.Round(line.Size)).OrderByDescending(group => group.Count()).First().Key;

        RawLine? previous = null;
        var previousIsBullet = false;
        foreach (var line in raw)
        {
            if (previous is not null && Continues(previous, line, columnRight, columnWidth, margin))
            {
                Append(previous, line);
                continue;
            }

            if (previous is not null && ContinuesBesideDates(previous, line))
            {
                AppendBesideDates(previous, line);
                continue;
            }

            if (previous is not null)
            {
                yield return Finish(previous, previousIsBullet);
            }

            // Chromium draws list markers as shapes, not text: an item is then a line indented past the margin.
            var indented = line.Left > margin + 6 && line.Left < margin + 40 && Math.Abs(line.Size - bodySize) < 0.6;
            previous = line;
            previousIsBullet = line.Marked || indented;
        }

        if (previous is not null)
        {
            yield return Finish(previous, previousIsBullet);
        }
    }

    /// <summary>Whether the line carries on the one above it: that one reached the right margin, and this one starts where its text started.</summary>
    private static bool Continues(RawLine above, RawLine line, double columnRight, double columnWidth, double margin) =>
        !line.Marked && !above.HasGap && !line.HasGap
        && Math.Abs(above.Size - line.Size) < 0.6
        && above.Segments[^1].Bold == line.Segments[0].Bold
        && above.Baseline - line.Baseline is > 0 and var gap && gap <= 1.8 * line.Size
        && above.Right >= columnRight - columnWidth * 0.22
        && line.Left <= above.TextLeft + 3 && line.Left >= margin - 3
        && DateRanges.Find(above.Segments[^1].Text) is null
        && !(DateRanges.Find(line.Segments[0].Text) is { } dates && dates.Length * 2 >= line.Segments[0].Text.Length);

    /// <summary>
    /// An entry's heading wrapped beside its dates, both parts onto a second row: "Engineer, Acme | 2021-09-01 – 2023-"
    /// over "Labs | 07-01". The dates broke mid-way, so the row below finishes both.
    /// </summary>
    private static bool ContinuesBesideDates(RawLine above, RawLine line) =>
        line.HasGap && !line.Marked && (above.HasGap || BrokenDates().IsMatch(above.Segments[^1].Text))
        && above.Segments[^1].Text.TrimEnd() is var end && (end.EndsWith('-') || end.EndsWith('–'))
        && above.Baseline - line.Baseline is > 0 and var gap && gap <= 1.6 * line.Size;

    private static void AppendBesideDates(RawLine above, RawLine line)
    {
        if (!above.HasGap && BrokenDates().Match(above.Segments[^1].Text) is { Success: true } broken)
        {
            // The dates ran on from the words without a wide gap: set them apart first.
            var words = above.Segments[^1];
            above.Segments[^1] = words with { Text = words.Text[..broken.Index].TrimEnd() };
            above.Segments.Add(new LineSegment(broken.Value.Trim(), false, AfterGap: true));
        }

        var dates = above.Segments[^1];
        var more = line.Segments[^1];
        above.Segments[^1] = dates with { Text = dates.Text.EndsWith('-') && more.Text.Length > 0 && char.IsDigit(more.Text[0]) ? dates.Text + more.Text : $"{dates.Text} {more.Text}" };
        var before = above.Segments.Count - 1;
        var rest = line.Segments.Take(line.Segments.Count - 1).Select((segment, index) => index == 0 ? segment with { AfterGap = false } : segment).ToList();
        above.Segments.InsertRange(before, rest);
        above.Links.AddRange(line.Links.Where(link => !above.Links.Contains(link)));
        above.Baseline = line.Baseline;
    }

    private static void Append(RawLine above, RawLine line)
    {
        var last = above.Segments[^1];
        var next = line.Segments[0];
        if (last.Bold == next.Bold)
        {
            above.Segments[^1] = last with { Text = Joined(last.Text, next.Text) };
            above.Segments.AddRange(line.Segments.Skip(1));
        }
        else
        {
            above.Segments.AddRange(line.Segments);
        }

        above.Links.AddRange(line.Links.Where(link => !above.Links.Contains(link)));
        above.Right = line.Right;
        above.Baseline = line.Baseline;
    }

    /// <summary>Lines broken after a hyphen in a word ("data-" + "driven") join without a space.</summary>
    private static string Joined(string first, string second) => first.EndsWith('-') && first.Length > 1 && char.IsLetter(first[^2]) ? first + second : $"{first} {second}";

    private static ResumeLine Finish(RawLine line, bool bullet) =>
        new(line.Segments, (float)line.Size, bullet ? LineKind.Bullet : LineKind.Text, line.Links);

    private static RawLine Line(List<PlacedWord> row)
    {
        var marked = (BulletMarks.Contains(row[0].Text) || row[0].Text is [var mark] && char.GetUnicodeCategory(mark) == System.Globalization.UnicodeCategory.PrivateUse) && row.Count > 1;
        var words = marked ? row.Skip(1).ToList() : row;
        var segments = new List<LineSegment>();
        PlacedWord? previous = null;
        foreach (var word in words)
        {
            var text = previous is null && !marked && word.Text.Length > 1 && (word.Text[0] is '•' or '●' or '▪' or '■' || char.GetUnicodeCategory(word.Text[0]) == System.Globalization.UnicodeCategory.PrivateUse) ? word.Text[1..] : word.Text;
            if (!ReferenceEquals(text, word.Text))
            {
                marked = true;
            }

            var gap = previous is not null && word.Left - previous.Right > 1.2 * Math.Max(word.Size, previous.Size);
            if (previous is null || gap || word.Bold != previous.Bold)
            {
                segments.Add(new LineSegment(text, word.Bold, gap));
            }
            else
            {
                segments[^1] = segments[^1] with { Text = $"{segments[^1].Text} {text}" };
            }

            previous = word;
        }

        var links = row.Select(word => word.Link).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return new RawLine(segments, row[0].Left, words[0].Left, row[^1].Right, row[0].Baseline, row.Max(word => word.Size), marked, links);
    }
}
