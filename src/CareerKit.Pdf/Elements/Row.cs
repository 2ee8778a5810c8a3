using CareerKit.Pdf.Layout;
using SkiaSharp;

namespace CareerKit.Pdf.Elements;

/// <summary>
/// A left part that wraps and a right part at its natural width, top-aligned: "Senior ML Engineer … 2021 – 2024".
/// Kept whole on one page.
/// </summary>
internal sealed class Row(Element left, Element right, float rightWidth, float gap = 12) : Element
{
    public override SpacePlan Measure(Size available)
    {
        var (leftSpace, rightSpace) = Split(available);
        var leftPlan = left.Measure(leftSpace);
        var rightPlan = right.Measure(rightSpace);
        if (leftPlan.Kind is SpacePlanKind.Wrap or SpacePlanKind.PartialRender || rightPlan.Kind is SpacePlanKind.Wrap or SpacePlanKind.PartialRender)
        {
            return SpacePlan.Wrap();
        }

        return leftPlan.Kind == SpacePlanKind.Empty && rightPlan.Kind == SpacePlanKind.Empty
            ? SpacePlan.Empty()
            : SpacePlan.Full(available.Width, Math.Max(leftPlan.Size.Height, rightPlan.Size.Height));
    }

    public override void Draw(SKCanvas canvas, Size available)
    {
        var (leftSpace, rightSpace) = Split(available);
        left.Draw(canvas, leftSpace);
        canvas.Save();
        canvas.Translate(available.Width - rightSpace.Width, 0);
        right.Draw(canvas, rightSpace);
        canvas.Restore();
    }

    private (Size Left, Size Right) Split(Size available)
    {
        var right = Math.Min(rightWidth, available.Width / 2);
        return (new Size(Math.Max(1, available.Width - right - gap), available.Height), new Size(right + 0.5f, available.Height));
    }
}
