using System.Text;
using CareerKit.Pdf.Fonts;

namespace CareerKit.Pdf.Document.Pdf;

/// <summary>
/// Writes drawn pages as a tagged PDF (PDF/UA-1): catalog with /MarkInfo, /Lang, XMP metadata and
/// DisplayDocTitle; pages with /Tabs /S; Flate-compressed content; embedded subset fonts; the structure tree.
/// </summary>
internal static class PdfDocumentWriter
{
    public const string Producer = "CareerKit.Pdf";

    public static byte[] Write(PdfSurface surface, FontSet fonts, DocumentOptions options)
    {
        var file = new PdfFile();
        var catalog = file.Reserve();
        var pagesRoot = file.Reserve();
        var info = file.Reserve();
        var metadata = file.Reserve();
        var structRoot = file.Reserve();
        var parentTree = file.Reserve();
        var resources = file.Reserve();
        var document = file.Reserve();
        var pageObjects = surface.Pages.Select(_ => file.Reserve()).ToList();
        var annotations = surface.Pages.Select(page => (IReadOnlyList<int>)page.Links.Select(_ => file.Reserve()).ToList()).ToList();
        PdfStructure.Number(surface.Structure.Roots, file);

        var language = string.IsNullOrWhiteSpace(options.Language) ? "en" : options.Language;
        file.Object(catalog, new StringBuilder("<</Type/Catalog/Pages ").Reference(pagesRoot).Append("/Metadata ").Reference(metadata)
            .Append("/StructTreeRoot ").Reference(structRoot).Append("/MarkInfo<</Marked true>>/Lang").TextString(language)
            .Append("/ViewerPreferences<</DisplayDocTitle true>>>>"));
        file.Object(info, Information(options));
        file.Stream(metadata, "/Type/Metadata/Subtype/XML", XmpMetadata.Packet(options.Metadata, options.CreationDate, Producer));

        var kids = new StringBuilder("<</Type/Pages/Count ").Append(pageObjects.Count).Append("/Kids[");
        pageObjects.ForEach(page => kids.Reference(page).Append(' '));
        file.Object(pagesRoot, kids.Append("]>>"));

        var fontDictionary = new StringBuilder("<</Font<<");
        foreach (var face in surface.UsedFonts.OrderBy(face => face.ResourceName, StringComparer.Ordinal))
        {
            fontDictionary.Append('/').Append(face.ResourceName).Append(' ').Reference(WriteFont(file, fonts[face].PdfProgram)).Append(' ');
        }

        file.Object(resources, fontDictionary.Append(">>>>"));

        var paper = surface.Paper;
        for (var index = 0; index < surface.Pages.Count; index++)
        {
            var page = surface.Pages[index];
            var content = file.Reserve();
            var body = new StringBuilder("<</Type/Page/Parent ").Reference(pagesRoot)
                .Append("/MediaBox[0 0 ").Number(paper.Width).Append(' ').Number(paper.Height).Append("]/Resources ").Reference(resources)
                .Append("/Contents ").Reference(content).Append("/StructParents ").Append(index).Append("/Tabs/S");
            if (page.Links.Count > 0)
            {
                body.Append("/Annots[");
                annotations[index].ToList().ForEach(link => body.Reference(link).Append(' '));
                body.Append(']');
            }

            file.Object(pageObjects[index], body.Append(">>"));
            file.Stream(content, "/Filter/FlateDecode", PdfFile.Compress(page.Content));
        }

        var structParent = surface.Pages.Count;
        for (var index = 0; index < surface.Pages.Count; index++)
        {
            var page = surface.Pages[index];
            for (var link = 0; link < page.Links.Count; link++)
            {
                var annotation = page.Links[link];
                var box = annotation.Rectangle;
                file.Object(annotations[index][link], new StringBuilder("<</Type/Annot/Subtype/Link/F 4/Border[0 0 0]/Rect[")
                    .Number(box.Left).Append(' ').Number(box.Top).Append(' ').Number(box.Right).Append(' ').Number(box.Bottom)
                    .Append("]/Contents").TextString(annotation.Description.Length > 0 ? annotation.Description : annotation.Address)
                    .Append("/StructParent ").Append(structParent++).Append("/P ").Reference(pageObjects[index])
                    .Append("/A<</S/URI/URI").AsciiString(annotation.Address).Append(">>>>"));
            }
        }

        PdfStructure.Write(file, surface.Structure, structRoot, document, parentTree, surface.Pages, pageObjects, annotations, language);
        return file.Finish(catalog, info);
    }

    /// <summary>The Type0 font, its CIDFontType2, descriptor, font file and ToUnicode map; returns the Type0 font's number.</summary>
    private static int WriteFont(PdfFile file, PdfFontProgram font)
    {
        var (type0, cidFont, descriptor, fontFile, toUnicode) = (file.Reserve(), file.Reserve(), file.Reserve(), file.Reserve(), file.Reserve());
        file.Object(type0, new StringBuilder("<</Type/Font/Subtype/Type0/BaseFont/").Append(font.BaseFont)
            .Append("/Encoding/Identity-H/DescendantFonts[").Reference(cidFont).Append("]/ToUnicode ").Reference(toUnicode).Append(">>"));
        file.Object(cidFont, new StringBuilder("<</Type/Font/Subtype/CIDFontType2/BaseFont/").Append(font.BaseFont)
            .Append("/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>/FontDescriptor ").Reference(descriptor)
            .Append("/CIDToGIDMap/Identity/W ").Append(font.Widths).Append(">>"));
        file.Object(descriptor, new StringBuilder("<</Type/FontDescriptor/FontName/").Append(font.BaseFont).Append(font.Descriptor)
            .Append("/FontFile2 ").Reference(fontFile).Append(">>"));
        file.Stream(fontFile, $"/Filter/FlateDecode/Length1 {font.Length1}", font.FontFile);
        file.Stream(toUnicode, "/Filter/FlateDecode", font.ToUnicode);
        return type0;
    }

    private static StringBuilder Information(DocumentOptions options)
    {
        var metadata = options.Metadata;
        var body = new StringBuilder("<</Title").TextString(metadata.Title);
        foreach (var (key, value) in new[] { ("Author", metadata.Author), ("Subject", metadata.Subject), ("Keywords", metadata.Keywords), ("Creator", metadata.Creator) })
        {
            if (value.Length > 0)
            {
                body.Append('/').Append(key).TextString(value);
            }
        }

        return body.Append("/Producer").TextString(Producer).Append("/CreationDate").Date(options.CreationDate).Append("/ModDate").Date(options.CreationDate).Append(">>");
    }
}
