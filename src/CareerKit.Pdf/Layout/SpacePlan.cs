namespace CareerKit.Pdf.Layout;

public readonly record struct Size(float Width, float Height);

/// <summary>What an element answers when asked to fit into some space, as in QuestPDF.</summary>
public enum SpacePlanKind
{
    /// <summary>Nothing of it fits here: move it to the next page.</summary>
    Wrap,
    /// <summary>Part of it fits; the rest continues on the next page.</summary>
    PartialRender,
    /// <summary>All of what is left of it fits.</summary>
    FullRender,
    /// <summary>It has nothing (left) to draw.</summary>
    Empty,
}

public readonly record struct SpacePlan(SpacePlanKind Kind, Size Size)
{
    public static SpacePlan Wrap() => new(SpacePlanKind.Wrap, default);

    public static SpacePlan Partial(float width, float height) => new(SpacePlanKind.PartialRender, new Size(width, height));

    public static SpacePlan Full(float width, float height) => new(SpacePlanKind.FullRender, new Size(width, height));

    public static SpacePlan Empty() => new(SpacePlanKind.Empty, default);
}
