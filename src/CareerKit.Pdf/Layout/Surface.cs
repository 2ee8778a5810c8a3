using CareerKit.Pdf.Text;
using SkiaSharp;

namespace CareerKit.Pdf.Layout;

/// <summary>
/// What elements draw on: a PDF page (text, tagged) or a raster canvas (previews). Coordinates are points from the
/// top left; <see cref="Translate"/> moves the origin until the matching <see cref="Restore"/>.
/// </summary>
internal abstract class Surface
{
    private readonly Stack<(float X, float Y)> _saved = new();

    /// <summary>The structure elements being drawn into; a raster canvas keeps it too and ignores it.</summary>
    public StructureTree Structure { get; } = new();

    protected float OriginX { get; private set; }

    protected float OriginY { get; private set; }

    public void Save() => _saved.Push((OriginX, OriginY));

    public void Restore() => (OriginX, OriginY) = _saved.Pop();

    public void Translate(float dx, float dy)
    {
        OriginX += dx;
        OriginY += dy;
    }

    /// <summary>One laid-out line as real text, with its links; <paramref name="top"/> is the line's top edge.</summary>
    public abstract void DrawLine(TextLine line, LineBreaker fonts, float x, float top);

    /// <summary>A filled rectangle: decoration (rules), never content.</summary>
    public abstract void FillRect(float x, float y, float width, float height, SKColor color);

    /// <summary>What is drawn until <see cref="EndArtifact"/> is not content (page footers): readers skip it.</summary>
    public virtual void BeginArtifact()
    {
    }

    public virtual void EndArtifact()
    {
    }
}

/// <summary>Draws nothing: a layout pass over a page that is not wanted (the other pages of a preview).</summary>
internal sealed class NoSurface : Surface
{
    public override void DrawLine(TextLine line, LineBreaker fonts, float x, float top)
    {
    }

    public override void FillRect(float x, float y, float width, float height, SKColor color)
    {
    }
}
