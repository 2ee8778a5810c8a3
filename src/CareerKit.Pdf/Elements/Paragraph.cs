using CareerKit.Pdf.Layout;
using CareerKit.Pdf.Text;

namespace CareerKit.Pdf.Elements;

/// <summary>Wrapped text. Splits between lines across pages; remembers the first line not yet drawn.</summary>
internal sealed class Paragraph(LineBreaker breaker, IReadOnlyList<TextRun> runs) : Element
{
    private List<TextLine>? _lines;
    private float _linesWidth;
    private int _next;

    public override SpacePlan Measure(Size available)
    {
        var lines = Lines(available.Width);
        if (_next >= lines.Count)
        {
            return SpacePlan.Empty();
        }

        var (count, height) = Fitting(lines, available.Height);
        if (count == 0)
        {
            return SpacePlan.Wrap();
        }

        var width = lines.Skip(_next).Take(count).Max(line => line.Width);
        return _next + count == lines.Count ? SpacePlan.Full(width, height) : SpacePlan.Partial(width, height);
    }

    public override void Draw(Surface canvas, Size available)
    {
        var lines = Lines(available.Width);
        var (count, _) = Fitting(lines, available.Height);
        var top = 0f;
        foreach (var line in lines.Skip(_next).Take(count))
        {
            canvas.DrawLine(line, breaker, 0, top);
            top += line.Height;
        }

        _next += count;
    }

    private (int Count, float Height) Fitting(List<TextLine> lines, float availableHeight)
    {
        var height = 0f;
        var count = 0;
        for (var i = _next; i < lines.Count && height + lines[i].Height <= availableHeight + 0.01f; i++)
        {
            height += lines[i].Height;
            count++;
        }

        return (count, height);
    }

    private List<TextLine> Lines(float width)
    {
        if (_lines is null || Math.Abs(_linesWidth - width) > 0.01f)
        {
            _lines = breaker.Break(runs, width);
            _linesWidth = width;
        }

        return _lines;
    }
}
