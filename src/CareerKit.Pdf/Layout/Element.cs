namespace CareerKit.Pdf.Layout;

/// <summary>
/// A piece of layout. <see cref="Measure"/> says how much of the element fits into the space; <see cref="Draw"/>
/// draws exactly that much and remembers where it stopped, so the next page continues from there.
/// An element tree is used for one pass over the pages.
/// </summary>
internal abstract class Element
{
    public abstract SpacePlan Measure(Size available);

    /// <summary>Draws at the canvas origin what <see cref="Measure"/> said fits into <paramref name="available"/>.</summary>
    public abstract void Draw(Surface canvas, Size available);
}
