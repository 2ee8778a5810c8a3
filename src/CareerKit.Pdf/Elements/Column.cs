using CareerKit.Pdf.Layout;

namespace CareerKit.Pdf.Elements;

/// <summary>Children one below another with a gap, flowing across pages. Remembers the first child not yet finished.</summary>
internal sealed class Column(IReadOnlyList<Element> children, float gap = 0) : Element
{
    private int _current;

    public override SpacePlan Measure(Size available)
    {
        var height = 0f;
        var width = 0f;
        var placed = 0;
        for (var i = _current; i < children.Count; i++)
        {
            var top = placed == 0 ? 0 : height + gap;
            var plan = children[i].Measure(new Size(available.Width, available.Height - top));
            switch (plan.Kind)
            {
                case SpacePlanKind.Empty:
                    continue;
                case SpacePlanKind.Wrap:
                    return placed == 0 ? SpacePlan.Wrap() : SpacePlan.Partial(width, height);
                case SpacePlanKind.PartialRender:
                    return SpacePlan.Partial(Math.Max(width, plan.Size.Width), top + plan.Size.Height);
            }

            height = top + plan.Size.Height;
            width = Math.Max(width, plan.Size.Width);
            placed++;
        }

        return placed == 0 ? SpacePlan.Empty() : SpacePlan.Full(width, height);
    }

    public override void Draw(Surface canvas, Size available)
    {
        var height = 0f;
        var placed = 0;
        while (_current < children.Count)
        {
            var top = placed == 0 ? 0 : height + gap;
            var space = new Size(available.Width, available.Height - top);
            var plan = children[_current].Measure(space);
            if (plan.Kind == SpacePlanKind.Wrap)
            {
                return;
            }

            if (plan.Kind != SpacePlanKind.Empty)
            {
                canvas.Save();
                canvas.Translate(0, top);
                children[_current].Draw(canvas, space);
                canvas.Restore();
                height = top + plan.Size.Height;
                placed++;
            }

            if (plan.Kind == SpacePlanKind.PartialRender)
            {
                return;
            }

            _current++;
        }
    }
}
