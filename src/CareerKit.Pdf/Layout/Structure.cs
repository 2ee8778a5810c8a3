namespace CareerKit.Pdf.Layout;

/// <summary>The role of a piece of content in the PDF's structure tree (PDF 1.7, 14.8.4 standard structure types).</summary>
public enum StructureRole
{
    Paragraph,
    Heading1,
    Heading2,
    Heading3,
    List,
    ListItem,
    Label,
    ListBody,
    Link,
}

/// <summary>A structure element: its role and its children in reading order (elements, marked content, annotations).</summary>
internal sealed class StructureNode(StructureRole role, StructureNode? parent, string? link = null)
{
    public StructureRole Role { get; } = role;
    public StructureNode? Parent { get; } = parent;

    /// <summary>The address of a Link element; the next link fragment to the same address joins it.</summary>
    public string? Address { get; } = link;

    /// <summary><see cref="StructureNode"/>, <see cref="MarkedContent"/> or <see cref="AnnotationReference"/>, in reading order.</summary>
    public List<object> Kids { get; } = [];

    /// <summary>Set by the writer: the element's object number.</summary>
    public int ObjectNumber { get; set; }
}

/// <summary>A marked-content sequence on a page (BDC … EMC with an MCID) that belongs to a structure element.</summary>
internal readonly record struct MarkedContent(int Page, int Id);

/// <summary>A link annotation that belongs to a Link structure element (OBJR).</summary>
internal sealed record AnnotationReference(int Page, int Index);

/// <summary>
/// The document's structure tree as it is drawn. Elements open their node when they first draw and re-enter it on
/// every later page, so content that continues across pages stays in one structure element.
/// </summary>
internal sealed class StructureTree
{
    private readonly Stack<StructureNode> _open = new();

    /// <summary>Top-level structure elements, under the tree's Document element.</summary>
    public List<StructureNode> Roots { get; } = [];

    /// <summary>The innermost element being drawn into, or none (content outside the structure is an artifact).</summary>
    public StructureNode? Current => _open.Count > 0 ? _open.Peek() : null;

    public StructureNode Create(StructureRole role, string? link = null)
    {
        var node = new StructureNode(role, Current, link);
        if (Current is { } parent)
        {
            parent.Kids.Add(node);
        }
        else
        {
            Roots.Add(node);
        }

        return node;
    }

    public void Enter(StructureNode node) => _open.Push(node);

    public void Leave() => _open.Pop();
}
