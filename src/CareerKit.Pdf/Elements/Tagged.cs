using CareerKit.Pdf.Layout;

namespace CareerKit.Pdf.Elements;

/// <summary>
/// Puts what its child draws into one structure element (a paragraph, a heading, a list item), on every page the
/// child reaches: a paragraph split between pages is still one paragraph to a screen reader.
/// </summary>
internal sealed class Tagged(StructureRole role, Element child) : Element
{
    private StructureNode? _node;

    public override SpacePlan Measure(Size available) => child.Measure(available);

    public override void Draw(Surface canvas, Size available)
    {
        _node ??= canvas.Structure.Create(role);
        canvas.Structure.Enter(_node);
        child.Draw(canvas, available);
        canvas.Structure.Leave();
    }
}
