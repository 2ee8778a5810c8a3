using System.Text;
using CareerKit.Pdf.Fonts;
using CareerKit.Pdf.Layout;
using CareerKit.Pdf.Text;
using SkiaSharp;

namespace CareerKit.Pdf.Document.Pdf;

/// <summary>
/// Draws the pages of a tagged PDF: every line of text is one marked-content sequence of its structure element, one
/// text operation per style (glyph ids through Identity-H), links become annotations owned by Link elements, and
/// rules and footers are artifacts.
/// </summary>
internal sealed class PdfSurface(Size paper) : Surface
{
    private PdfPage _page = null!;
    private bool _inArtifact;

    public List<PdfPage> Pages { get; } = [];

    /// <summary>The faces text was drawn in: only those are embedded.</summary>
    public HashSet<FontFace> UsedFonts { get; } = [];

    public Size Paper => paper;

    public Surface NewPage()
    {
        _page = new PdfPage(Pages.Count);
        Pages.Add(_page);
        return this;
    }

    /// <summary>Goes back to a page already drawn, to add what needs the page count (the footer).</summary>
    public Surface OnPage(int index)
    {
        _page = Pages[index];
        return this;
    }

    public override void BeginArtifact()
    {
        _page.Content.Append("/Artifact<</Type/Pagination/Subtype/Footer>>BDC\n");
        _inArtifact = true;
    }

    public override void EndArtifact()
    {
        _page.Content.Append("EMC\n");
        _inArtifact = false;
    }

    public override void FillRect(float x, float y, float width, float height, SKColor color)
    {
        var content = _page.Content;
        Marked(content, artifact: true).FillColor(color);
        content.Number(OriginX + x).Append(' ').Number(paper.Height - OriginY - y - height).Append(' ').Number(width).Append(' ').Number(height).Append(" re f\n");
        EndMarked(content, artifact: true);
    }

    /// <remarks>
    /// A line is one marked-content sequence of its element, links included: a Link element holds the link's
    /// annotation, and its text stays in the line's sequence. pdf.js ends a text item at every marked-content
    /// operator and drops the space that ended it, so a sequence per link made OpenResume read
    /// "ada@example.com·https://ada.example" as the email address.
    /// </remarks>
    public override void DrawLine(TextLine line, LineBreaker fonts, float x, float top)
    {
        if (line.Fragments.Count == 0)
        {
            return;
        }

        var content = _page.Content;
        var baseline = paper.Height - OriginY - top - line.Baseline;
        var marked = Begin(content, Structure.Current);
        foreach (var fragment in line.Fragments)
        {
            var left = OriginX + x + fragment.X;
            Text(content, fragment, fonts.Font(fragment.Face).PdfProgram, left, baseline);
            if (fragment.Link is { } address && !_inArtifact)
            {
                var owner = LinkElement(address);
                var rectangle = new SKRect(left, paper.Height - OriginY - top - line.Height, left + fragment.Width, paper.Height - OriginY - top);
                _page.Links.Add(new LinkAnnotation(rectangle, address, fragment.Text?.ToString().Trim() ?? "", owner));
                owner.Kids.Add(new AnnotationReference(_page.Index, _page.Links.Count - 1));
            }
        }

        if (marked)
        {
            content.Append("EMC\n");
        }
    }

    /// <summary>A link's Link element in the current element; a link that goes on over a line break joins the same one.</summary>
    private StructureNode LinkElement(string address)
    {
        var last = Structure.Current?.Kids.LastOrDefault(kid => kid is StructureNode) as StructureNode;
        return last is { Role: StructureRole.Link } && last.Address == address ? last : Structure.Create(StructureRole.Link, address);
    }

    /// <summary>Opens the marked-content sequence the text belongs to; false inside an artifact, which is marked already.</summary>
    private bool Begin(StringBuilder content, StructureNode? owner)
    {
        if (_inArtifact)
        {
            return false;
        }

        if (owner is null)
        {
            content.Append("/Artifact BMC\n"); // Text outside every element is not content a reader should read.
            return true;
        }

        var id = _page.MarkedOwners.Count;
        _page.MarkedOwners.Add(owner);
        owner.Kids.Add(new MarkedContent(_page.Index, id));
        content.Append('/').Append(PdfStructure.TypeName(owner.Role)).Append("<</MCID ").Append(id).Append(">>BDC\n");
        return true;
    }

    private StringBuilder Marked(StringBuilder content, bool artifact) => _inArtifact || !artifact ? content : content.Append("/Artifact BMC\n");

    private void EndMarked(StringBuilder content, bool artifact)
    {
        if (artifact && !_inArtifact)
        {
            content.Append("EMC\n");
        }
    }

    /// <summary>
    /// One text operation for the fragment: glyph ids as hex; a glyph not at its default advance (a mark placed by
    /// shaping) gets an adjustment inside the same TJ array rather than a new operation.
    /// </summary>
    private void Text(StringBuilder content, LineFragment fragment, PdfFontProgram font, float left, float baseline)
    {
        UsedFonts.Add(fragment.Face);
        if (fragment.NeedsActualText)
        {
            // Shaping joined or reordered the glyphs (a Devanagari conjunct, a vowel sign before its consonant):
            // extractors read the characters from here instead of from the glyphs.
            content.Append("/Span<</ActualText").TextString(fragment.Text!.ToString()).Append(">>BDC\n");
        }

        var size = fragment.Style.Size;
        var bold = SyntheticStyle.Bold(fragment.Face, fragment.Style.Font);
        if (bold)
        {
            content.Append("q\n"); // The stroke's width and rendering mode end with the fragment.
        }

        content.Append("BT\n/").Append(fragment.Face.ResourceName).Append(' ').Number(size).Append(" Tf\n").FillColor(fragment.Style.Color);
        if (bold)
        {
            content.StrokeColor(fragment.Style.Color).Number(size * SyntheticStyle.BoldStroke).Append(" w 2 Tr\n");
        }

        content.Append("1 0 ").Number(SyntheticStyle.Italic(fragment.Face, fragment.Style.Font) ? SyntheticStyle.Slant : 0).Append(" 1 ")
            .Number(left).Append(' ').Number(baseline).Append(" Tm\n");
        var adjusted = false;
        var start = content.Length;
        content.Append("[<");
        var pen = 0.0;
        for (var i = 0; i < fragment.Glyphs.Count; i++)
        {
            var shift = fragment.Positions[i].X - pen;
            if (Math.Abs(shift) > 0.01)
            {
                content.Append(">").Number(-shift * 1000 / size).Append('<');
                adjusted = true;
                pen += shift;
            }

            content.Hex4(fragment.Glyphs[i]);
            pen += font.Width(fragment.Glyphs[i]) * size / 1000;
        }

        content.Append(">]TJ\n");
        if (!adjusted)
        {
            // No adjustment: a plain Tj, "<…>Tj" instead of "[<…>]TJ".
            content.Remove(start, 1).Remove(content.Length - 5, 5).Append(">Tj\n");
        }

        content.Append(bold ? "ET\nQ\n" : "ET\n");
        if (fragment.NeedsActualText)
        {
            content.Append("EMC\n");
        }
    }
}

/// <summary>One page's content stream, the owners of its marked-content ids (its parent-tree entry) and its links.</summary>
internal sealed class PdfPage(int index)
{
    public int Index { get; } = index;
    public StringBuilder Content { get; } = new(4096);
    public List<StructureNode> MarkedOwners { get; } = [];
    public List<LinkAnnotation> Links { get; } = [];
}

/// <summary>A link annotation: where it sits on the page (PDF coordinates), where it goes, what it says, and its Link element.</summary>
internal sealed record LinkAnnotation(SKRect Rectangle, string Address, string Description, StructureNode Owner);
