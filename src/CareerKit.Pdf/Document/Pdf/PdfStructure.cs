using System.Text;
using CareerKit.Pdf.Layout;

namespace CareerKit.Pdf.Document.Pdf;

/// <summary>
/// Writes the structure tree: the root, a Document element over the drawn elements, and the parent tree that leads
/// from each page's marked content and each link annotation back to its element (ISO 32000-1, 14.7).
/// </summary>
internal static class PdfStructure
{
    public static string TypeName(StructureRole role) => role switch
    {
        StructureRole.Heading1 => "H1",
        StructureRole.Heading2 => "H2",
        StructureRole.Heading3 => "H3",
        StructureRole.List => "L",
        StructureRole.ListItem => "LI",
        StructureRole.Label => "Lbl",
        StructureRole.ListBody => "LBody",
        StructureRole.Link => "Link",
        _ => "P",
    };

    /// <summary>Gives every element an object number, parents before children.</summary>
    public static void Number(IEnumerable<StructureNode> nodes, PdfFile file)
    {
        foreach (var node in nodes)
        {
            node.ObjectNumber = file.Reserve();
            Number(node.Kids.OfType<StructureNode>(), file);
        }
    }

    /// <param name="pages">Page object numbers.</param>
    /// <param name="annotations">Per page, the object numbers of its link annotations.</param>
    public static void Write(PdfFile file, StructureTree tree, int root, int document, int parentTree, IReadOnlyList<PdfPage> pages,
        IReadOnlyList<int> pageObjects, IReadOnlyList<IReadOnlyList<int>> annotations, string language)
    {
        var rootBody = new StringBuilder("<</Type/StructTreeRoot/K ").Reference(document).Append("/ParentTree ").Reference(parentTree)
            .Append("/ParentTreeNextKey ").Append(pages.Count + annotations.Sum(links => links.Count)).Append(">>");
        file.Object(root, rootBody);

        var documentBody = new StringBuilder("<</Type/StructElem/S/Document/P ").Reference(root).Append("/Lang").TextString(language).Append("/K[");
        foreach (var node in tree.Roots)
        {
            documentBody.Reference(node.ObjectNumber).Append(' ');
        }

        file.Object(document, documentBody.Append("]>>"));
        WriteElements(file, tree.Roots, document, pageObjects, annotations);

        // Keys: each page's StructParents (0 … pages-1), then each annotation's StructParent, in that order.
        var nums = new StringBuilder("<</Nums[");
        foreach (var page in pages)
        {
            nums.Append(page.Index).Append('[');
            foreach (var owner in page.MarkedOwners)
            {
                nums.Reference(owner.ObjectNumber).Append(' ');
            }

            nums.Append("]\n");
        }

        var key = pages.Count;
        foreach (var page in pages)
        {
            foreach (var link in page.Links)
            {
                nums.Append(key++).Append(' ').Reference(link.Owner.ObjectNumber).Append('\n');
            }
        }

        file.Object(parentTree, nums.Append("]>>"));
    }

    private static void WriteElements(PdfFile file, IEnumerable<StructureNode> nodes, int parent, IReadOnlyList<int> pageObjects, IReadOnlyList<IReadOnlyList<int>> annotations)
    {
        foreach (var node in nodes)
        {
            // The element's /Pg is the page of its first marked content; content on that page is then a bare MCID.
            var page = node.Kids.OfType<MarkedContent>().Select(marked => (int?)marked.Page).FirstOrDefault();
            var body = new StringBuilder("<</Type/StructElem/S/").Append(TypeName(node.Role)).Append("/P ").Reference(parent);
            if (page is { } first)
            {
                body.Append("/Pg ").Reference(pageObjects[first]);
            }

            if (node.Role == StructureRole.List)
            {
                body.Append("/A<</O/List/ListNumbering/Disc>>");
            }

            body.Append("/K[");
            foreach (var kid in node.Kids)
            {
                switch (kid)
                {
                    case StructureNode child:
                        body.Reference(child.ObjectNumber);
                        break;
                    case MarkedContent marked when marked.Page == page:
                        body.Append(marked.Id);
                        break;
                    case MarkedContent marked:
                        body.Append("<</Type/MCR/Pg ").Reference(pageObjects[marked.Page]).Append("/MCID ").Append(marked.Id).Append(">>");
                        break;
                    case AnnotationReference link:
                        body.Append("<</Type/OBJR/Pg ").Reference(pageObjects[link.Page]).Append("/Obj ").Reference(annotations[link.Page][link.Index]).Append(">>");
                        break;
                }

                body.Append(' ');
            }

            file.Object(node.ObjectNumber, body.Append("]>>"));
            WriteElements(file, node.Kids.OfType<StructureNode>(), node.ObjectNumber, pageObjects, annotations);
        }
    }
}
