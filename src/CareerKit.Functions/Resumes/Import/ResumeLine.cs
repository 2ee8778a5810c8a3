namespace CareerKit.Resumes.Import;

/// <summary>
/// A run of words within a line. A new segment starts at a wide gap (a tab, dates pushed to the right margin) or where
/// the weight changes ("<b>Engineer</b>, Acme"), so the parsers can tell an entry's parts apart.
/// </summary>
public sealed record LineSegment(string Text, bool Bold, bool AfterGap);

public enum LineKind
{
    Text,

    /// <summary>A paragraph in a heading style (DOCX): a section heading whatever its words.</summary>
    Heading,

    /// <summary>An item of a list: a bullet or numbered paragraph, or a line starting with a bullet character.</summary>
    Bullet,
}

/// <summary>One line of a resume as a person reads it, from a PDF or a DOCX: the shared input of every parser.</summary>
public sealed record ResumeLine(IReadOnlyList<LineSegment> Segments, float Size, LineKind Kind, IReadOnlyList<string> Links)
{
    public string Text { get; } = string.Join(" ", Segments.Select(segment => segment.Text));

    public bool Bold => Segments.Count > 0 && Segments.All(segment => segment.Bold);

    public override string ToString() => Text;
}

/// <summary>The lines of a resume in reading order, and its body text size (the most common one).</summary>
public sealed record ResumeText(IReadOnlyList<ResumeLine> Lines)
{
    public float BodySize { get; } = Lines.Count == 0 ? 10 : Lines
        .GroupBy(line => MathF.Round(line.Size * 2) / 2)
        .OrderByDescending(group => group.Sum(line => line.Text.Length))
        .First().Key;
}
