using SkiaSharp;

namespace CareerKit.Pdf.Text;

/// <summary>Draws laid-out lines as real text (glyph runs the PDF keeps selectable) and their link annotations.</summary>
internal static class TextPainter
{
    public static void DrawLine(SKCanvas canvas, LineBreaker fonts, TextLine line, float x, float top)
    {
        foreach (var fragment in line.Fragments)
        {
            using var builder = new SKTextBlobBuilder();
            var buffer = builder.AllocatePositionedRun(fonts.SkiaFont(fragment.Style), fragment.Glyphs.Count);
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(fragment.Glyphs).CopyTo(buffer.Glyphs);
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(fragment.Positions).CopyTo(buffer.Positions);

            using var blob = builder.Build();
            if (blob is not null)
            {
                canvas.DrawText(blob, x + fragment.X, top + line.Baseline, fonts.Paint(fragment.Style.Color));
            }

            if (fragment.Link is not null)
            {
                canvas.DrawUrlAnnotation(SKRect.Create(x + fragment.X, top, fragment.Width, line.Height), fragment.Link);
            }
        }
    }
}
