using SkiaSharp;

namespace CareerKit.Pdf.Text;

/// <summary>Draws laid-out lines as real text (glyph runs the PDF keeps selectable) and their link annotations.</summary>
internal static class TextPainter
{
    public static void DrawLine(SKCanvas canvas, LineBreaker fonts, TextLine line, float x, float top)
    {
        if (canvas is SKNoDrawCanvas)
        {
            return; // Counting pages or skipping to another page: nothing to see, so build no glyph runs.
        }

        foreach (var fragment in line.Fragments)
        {
            using var font = new SKFont(fonts.Font(fragment.Style.Font).Typeface, fragment.Style.Size) { Subpixel = true, Edging = SKFontEdging.Antialias };
            using var builder = new SKTextBlobBuilder();
            var buffer = builder.AllocatePositionedRun(font, fragment.Glyphs.Count);
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(fragment.Glyphs).CopyTo(buffer.Glyphs);
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(fragment.Positions).CopyTo(buffer.Positions);

            using var blob = builder.Build();
            using var paint = new SKPaint { Color = fragment.Style.Color, IsAntialias = true };
            if (blob is not null)
            {
                canvas.DrawText(blob, x + fragment.X, top + line.Baseline, paint);
            }

            if (fragment.Link is not null)
            {
                canvas.DrawUrlAnnotation(SKRect.Create(x + fragment.X, top, fragment.Width, line.Height), fragment.Link);
            }
        }
    }
}
