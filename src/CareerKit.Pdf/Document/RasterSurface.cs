using System.Runtime.InteropServices;
using CareerKit.Pdf.Layout;
using CareerKit.Pdf.Text;
using SkiaSharp;

namespace CareerKit.Pdf.Document;

/// <summary>Draws a page on a Skia raster canvas: the PNG previews, laid out exactly as the PDF.</summary>
internal sealed class RasterSurface(SKCanvas canvas) : Surface
{
    public override void DrawLine(TextLine line, LineBreaker fonts, float x, float top)
    {
        foreach (var fragment in line.Fragments)
        {
            using var builder = new SKTextBlobBuilder();
            var buffer = builder.AllocatePositionedRun(fonts.SkiaFont(fragment.Face, fragment.Style.Size, fragment.Style.Font), fragment.Glyphs.Count);
            CollectionsMarshal.AsSpan(fragment.Glyphs).CopyTo(buffer.Glyphs);
            CollectionsMarshal.AsSpan(fragment.Positions).CopyTo(buffer.Positions);
            using var blob = builder.Build();
            if (blob is not null)
            {
                canvas.DrawText(blob, OriginX + x + fragment.X, OriginY + top + line.Baseline, fonts.Paint(fragment.Style.Color));
            }
        }
    }

    public override void FillRect(float x, float y, float width, float height, SKColor color)
    {
        using var paint = new SKPaint { Color = color, Style = SKPaintStyle.Fill };
        canvas.DrawRect(OriginX + x, OriginY + y, width, height, paint);
    }
}
