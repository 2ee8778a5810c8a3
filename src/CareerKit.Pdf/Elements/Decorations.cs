using CareerKit.Pdf.Layout;
using SkiaSharp;

namespace CareerKit.Pdf.Elements;

/// <summary>Fixed vertical space.</summary>
internal sealed class Spacer(float height) : Element
{
    private bool _done;

    public override SpacePlan Measure(Size available) =>
        _done ? SpacePlan.Empty() : height <= available.Height ? SpacePlan.Full(0, height) : SpacePlan.Wrap();

    public override void Draw(Surface canvas, Size available) => _done = true;
}

/// <summary>A thin horizontal line across the available width.</summary>
internal sealed class Rule(float thickness, SKColor color) : Element
{
    private bool _done;

    public override SpacePlan Measure(Size available) =>
        _done ? SpacePlan.Empty() : thickness <= available.Height ? SpacePlan.Full(available.Width, thickness) : SpacePlan.Wrap();

    public override void Draw(Surface canvas, Size available)
    {
        canvas.FillRect(0, 0, available.Width, thickness, color);
        _done = true;
    }
}

/// <summary>Space around a child.</summary>
internal sealed class Padding(Element child, float left, float top, float right, float bottom) : Element
{
    public override SpacePlan Measure(Size available)
    {
        var plan = child.Measure(Inner(available));
        return plan.Kind is SpacePlanKind.Wrap or SpacePlanKind.Empty
            ? plan
            : plan with { Size = new Size(plan.Size.Width + left + right, plan.Size.Height + top + bottom) };
    }

    public override void Draw(Surface canvas, Size available)
    {
        canvas.Save();
        canvas.Translate(left, top);
        child.Draw(canvas, Inner(available));
        canvas.Restore();
    }

    private Size Inner(Size available) => new(Math.Max(1, available.Width - left - right), Math.Max(0, available.Height - top - bottom));
}

/// <summary>
/// Moves a child to the next page rather than start it in less than <paramref name="minHeight"/>: keeps a heading
/// with the first lines of what follows it (QuestPDF's EnsureSpace). With <paramref name="carried"/> above zero, it is
/// also never the first thing on a page: the <see cref="Column"/> holding it brings that much of what precedes it
/// along to the new page.
/// </summary>
internal sealed class EnsureSpace(Element child, float minHeight, float carried = 0) : Element
{
    /// <summary>How much of what precedes it comes along when it would start a page; zero for none.</summary>
    public float Carried => carried;

    public bool Started { get; private set; }

    public override SpacePlan Measure(Size available)
    {
        var plan = child.Measure(available);
        return plan.Kind == SpacePlanKind.PartialRender && !Started && available.Height < minHeight ? SpacePlan.Wrap() : plan;
    }

    public override void Draw(Surface canvas, Size available)
    {
        child.Draw(canvas, available);
        Started = true;
    }
}

/// <summary>A bullet in the margin and the item's text in a hanging indent.</summary>
internal sealed class Bullet(Element bullet, Element content, float indent) : Element
{
    private bool _bulletDrawn;

    public override SpacePlan Measure(Size available)
    {
        var plan = content.Measure(Content(available));
        return plan.Kind is SpacePlanKind.Wrap or SpacePlanKind.Empty ? plan : plan with { Size = new Size(plan.Size.Width + indent, plan.Size.Height) };
    }

    public override void Draw(Surface canvas, Size available)
    {
        if (!_bulletDrawn)
        {
            bullet.Draw(canvas, new Size(indent, available.Height));
            _bulletDrawn = true;
        }

        canvas.Save();
        canvas.Translate(indent, 0);
        content.Draw(canvas, Content(available));
        canvas.Restore();
    }

    private Size Content(Size available) => new(Math.Max(1, available.Width - indent), available.Height);
}
