using CareerKit.Pdf.Layout;

namespace CareerKit.Pdf.Elements;

/// <summary>
/// Children one below another with a gap, flowing across pages. Remembers the first child not yet finished.
/// A child that must not start a page (<see cref="EnsureSpace.Carried"/>) takes the end of the child before it along
/// to the next page.
/// </summary>
internal sealed class Column(IReadOnlyList<Element> children, float gap = 0) : Element
{
    /// <summary>Taller than any page: what a child measures in it is all it has left.</summary>
    private const float Unbounded = 1_000_000;

    private int _current;

    public override SpacePlan Measure(Size available) => Plan(available).Result;

    public override void Draw(Surface canvas, Size available)
    {
        var (placements, result) = Plan(available);
        foreach (var placement in placements)
        {
            canvas.Save();
            canvas.Translate(0, placement.Top);
            children[placement.Index].Draw(canvas, new Size(available.Width, placement.Space));
            canvas.Restore();
        }

        if (placements.Count > 0)
        {
            // Every placed child is finished but the last of a page that goes on with it.
            _current = placements[^1].Index + (placements[^1].Finished ? 1 : 0);
        }
    }

    /// <summary>Which children go on this page, where, in how much height; Measure and Draw share it.</summary>
    private (List<Placement> Placements, SpacePlan Result) Plan(Size available)
    {
        var placements = new List<Placement>();
        var height = 0f;
        var width = 0f;
        for (var i = _current; i < children.Count; i++)
        {
            var top = placements.Count == 0 ? 0 : height + gap;
            var space = available.Height - top;
            var plan = children[i].Measure(new Size(available.Width, space));
            switch (plan.Kind)
            {
                case SpacePlanKind.Empty:
                    continue;
                case SpacePlanKind.Wrap:
                    if (placements.Count == 0)
                    {
                        return (placements, SpacePlan.Wrap());
                    }

                    return Carry(placements, i, available.Width) ?? (placements, SpacePlan.Partial(width, height));
                case SpacePlanKind.PartialRender:
                    placements.Add(new Placement(i, top, space, plan.Size, Finished: false));
                    return Carry(placements, i + 1, available.Width) ?? (placements, SpacePlan.Partial(Math.Max(width, plan.Size.Width), top + plan.Size.Height));
            }

            placements.Add(new Placement(i, top, space, plan.Size, Finished: true));
            height = top + plan.Size.Height;
            width = Math.Max(width, plan.Size.Width);
        }

        return placements.Count == 0 ? (placements, SpacePlan.Empty()) : (placements, SpacePlan.Full(width, height));
    }

    /// <summary>
    /// When the next page would begin with a child that must not start one, shortens the last placed child (spacers
    /// aside) so that at least the carried height of it goes to the next page first; a child too short to give that
    /// much moves whole, and the one before it gives up its end instead. Null when nothing needs to move or nothing
    /// can (the child then starts the page as before).
    /// </summary>
    private (List<Placement>, SpacePlan)? Carry(List<Placement> placements, int next, float width)
    {
        while (true)
        {
            while (next < children.Count && children[next] is Spacer)
            {
                next++;
            }

            if (next >= children.Count || children[next] is not EnsureSpace { Carried: > 0, Started: false } entry)
            {
                return null;
            }

            var last = placements.FindLastIndex(placement => children[placement.Index] is not Spacer);
            if (last < 0)
            {
                return null;
            }

            var before = placements[last];
            var total = children[before.Index].Measure(new Size(width, Unbounded)).Size.Height;
            if (total - before.Size.Height >= entry.Carried - 0.01f)
            {
                return null; // Enough of it already goes to the next page.
            }

            var kept = placements.Take(last).ToList();
            var shortened = children[before.Index].Measure(new Size(width, total - entry.Carried));
            if (shortened.Kind == SpacePlanKind.PartialRender)
            {
                kept.Add(new Placement(before.Index, before.Top, total - entry.Carried, shortened.Size, Finished: false));
                return (kept, SpacePlan.Partial(kept.Max(placement => placement.Size.Width), before.Top + shortened.Size.Height));
            }

            if (children[before.Index] is not EnsureSpace { Carried: > 0, Started: false })
            {
                return null;
            }

            placements = kept;
            next = before.Index;
        }
    }

    /// <summary>A child drawn at <paramref name="Top"/> in <paramref name="Space"/> points of height, taking <paramref name="Size"/>.</summary>
    private readonly record struct Placement(int Index, float Top, float Space, Size Size, bool Finished);
}
