using CareerKit.Pdf.Layout;

namespace CareerKit.Pdf.Elements;

/// <summary>
/// A left part that wraps and a right part at its natural width, top-aligned: "Senior ML Engineer … 2021 – 2024".
/// Kept whole on one page; a row taller than a whole page (a 3,000-letter company name) is split between lines
/// instead, as a paragraph is, since no page could hold it whole.
/// </summary>
internal sealed class Row(Element left, Element right, float rightWidth, float gap = 12, float pageHeight = float.PositiveInfinity) : Element
{
    private bool _splitting;

    public override SpacePlan Measure(Size available)
    {
        var (leftSpace, rightSpace) = Split(available);
        var leftPlan = left.Measure(leftSpace);
        var rightPlan = right.Measure(rightSpace);
        if (Fits(leftPlan) && Fits(rightPlan))
        {
            return leftPlan.Kind == SpacePlanKind.Empty && rightPlan.Kind == SpacePlanKind.Empty
                ? SpacePlan.Empty()
                : SpacePlan.Full(available.Width, Math.Max(leftPlan.Size.Height, rightPlan.Size.Height));
        }

        if (!_splitting && !IsTallerThanAPage(available.Width))
        {
            return SpacePlan.Wrap();
        }

        if (Stuck(leftPlan, rightPlan) || Stuck(rightPlan, leftPlan))
        {
            return SpacePlan.Wrap(); // Not one line of what is left fits here.
        }

        return SpacePlan.Partial(available.Width, Math.Max(leftPlan.Size.Height, rightPlan.Size.Height));
    }

    public override void Draw(Surface canvas, Size available)
    {
        var (leftSpace, rightSpace) = Split(available);
        _splitting = _splitting || !Fits(left.Measure(leftSpace)) || !Fits(right.Measure(rightSpace));
        left.Draw(canvas, leftSpace);
        canvas.Save();
        canvas.Translate(available.Width - rightSpace.Width, 0);
        right.Draw(canvas, rightSpace);
        canvas.Restore();
    }

    private static bool Fits(SpacePlan plan) => plan.Kind is SpacePlanKind.FullRender or SpacePlanKind.Empty;

    private static bool Stuck(SpacePlan plan, SpacePlan other) => plan.Kind == SpacePlanKind.Wrap && other.Kind is SpacePlanKind.Wrap or SpacePlanKind.Empty;

    private bool IsTallerThanAPage(float width)
    {
        var (leftSpace, rightSpace) = Split(new Size(width, pageHeight));
        return !Fits(left.Measure(leftSpace)) || !Fits(right.Measure(rightSpace));
    }

    private (Size Left, Size Right) Split(Size available)
    {
        var right = Math.Min(rightWidth, available.Width / 2);
        return (new Size(Math.Max(1, available.Width - right - gap), available.Height), new Size(right + 0.5f, available.Height));
    }
}
