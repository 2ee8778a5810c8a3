using CareerKit.Pdf.Layout;
using CareerKit.Pdf.Text;
using SkiaSharp;

namespace CareerKit.Pdf.Document;

/// <summary>
/// What a document says, in order: headings, paragraphs, rows, bullet lists, rules and spacing. Each text block has
/// a structure role (heading, paragraph, list), which the PDF carries as its tag.
/// </summary>
public sealed class DocumentContent
{
    public static readonly SKColor Accent = new(0x0B, 0x57, 0xD0);
    public static readonly SKColor Muted = new(0x57, 0x60, 0x6A);

    internal List<Block> Blocks { get; } = [];

    /// <summary>
    /// A heading that looks like level <paramref name="level"/> and is tagged as <paramref name="tag"/> (the same
    /// level unless given): a document without a title tags its section headings H1, as PDF/UA wants the first.
    /// </summary>
    public DocumentContent Heading(string text, int level = 1, StructureRole? tag = null)
    {
        var style = level switch
        {
            1 => TextStyle.Body.Bold().WithSize(20),
            2 => TextStyle.Body.Bold().WithSize(12.5f).WithColor(Accent),
            _ => TextStyle.Body.Bold().WithSize(10.5f),
        };
        var role = level switch
        {
            1 => StructureRole.Heading1,
            2 => StructureRole.Heading2,
            _ => StructureRole.Heading3,
        };
        Blocks.Add(new TextBlock([new TextRun(text, style)], tag ?? role));
        return this;
    }

    public DocumentContent Paragraph(string text, TextStyle? style = null) => Paragraph(new TextRun(text, style ?? TextStyle.Body));

    public DocumentContent Paragraph(params TextRun[] runs)
    {
        Blocks.Add(new TextBlock(runs, StructureRole.Paragraph));
        return this;
    }

    /// <summary>
    /// A left part that wraps and a right part kept on one line at the right edge, tagged as one paragraph or, for an
    /// entry's title line, as a heading of <paramref name="role"/>.
    /// </summary>
    public DocumentContent Row(IReadOnlyList<TextRun> left, IReadOnlyList<TextRun> right, StructureRole role = StructureRole.Paragraph)
    {
        Blocks.Add(new RowBlock(left, right, role));
        return this;
    }

    /// <summary>A bulleted list: one list in the structure tree, each item a label (the bullet) and a body.</summary>
    public DocumentContent Bullets(IEnumerable<IReadOnlyList<TextRun>> items)
    {
        var list = items.ToList();
        if (list.Count > 0)
        {
            Blocks.Add(new ListBlock(list));
        }

        return this;
    }

    public DocumentContent Rule(float thickness = 0.75f, SKColor? color = null)
    {
        Blocks.Add(new RuleBlock(thickness, color ?? new SKColor(0xD0, 0xD7, 0xDE)));
        return this;
    }

    public DocumentContent Spacing(float points)
    {
        Blocks.Add(new SpacingBlock(points));
        return this;
    }

    /// <summary>Content that does not start on a page with less than <paramref name="minHeight"/> left: a heading stays with its first lines.</summary>
    public DocumentContent KeepTogether(float minHeight, Action<DocumentContent> content)
    {
        var inner = new DocumentContent();
        content(inner);
        Blocks.Add(new GroupBlock(inner.Blocks, minHeight));
        return this;
    }

    /// <summary>
    /// An entry of a list of entries (a job, a school, a section under its heading): kept together as
    /// <see cref="KeepTogether"/> does, and never the first thing on a page. When it would start one, the last
    /// <paramref name="carried"/> points of what precedes it move to that page with it: applicant-tracking parsers
    /// find where an entry starts by the gap above it, and read the first line of a page as the end of the previous
    /// page's last line, so an entry needs two lines above it on its page.
    /// </summary>
    public DocumentContent Entry(float minHeight, float carried, Action<DocumentContent> content)
    {
        var inner = new DocumentContent();
        content(inner);
        Blocks.Add(new GroupBlock(inner.Blocks, minHeight, carried));
        return this;
    }
}

internal abstract record Block;

internal sealed record TextBlock(IReadOnlyList<TextRun> Runs, StructureRole Role) : Block;

internal sealed record RowBlock(IReadOnlyList<TextRun> Left, IReadOnlyList<TextRun> Right, StructureRole Role) : Block;

internal sealed record ListBlock(IReadOnlyList<IReadOnlyList<TextRun>> Items) : Block;

internal sealed record RuleBlock(float Thickness, SKColor Color) : Block;

internal sealed record SpacingBlock(float Height) : Block;

internal sealed record GroupBlock(IReadOnlyList<Block> Blocks, float MinHeight, float Carried = 0) : Block;
