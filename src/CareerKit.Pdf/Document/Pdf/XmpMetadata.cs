using System.Security;
using System.Text;

namespace CareerKit.Pdf.Document.Pdf;

/// <summary>
/// The document's XMP metadata packet: the title, author and dates of the information dictionary in the form
/// PDF/UA asks for (dc:title), and the claim of conformance to PDF/UA-1 (pdfuaid:part).
/// </summary>
internal static class XmpMetadata
{
    public static byte[] Packet(PdfMetadata metadata, DateTime date, string producer)
    {
        var when = date.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var xml = new StringBuilder()
            .Append("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
            .Append("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n")
            .Append("<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"")
            .Append(" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n")
            .Append("<dc:format>application/pdf</dc:format>\n")
            .Append("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">").Append(Escape(metadata.Title)).Append("</rdf:li></rdf:Alt></dc:title>\n");
        if (metadata.Author.Length > 0)
        {
            xml.Append("<dc:creator><rdf:Seq><rdf:li>").Append(Escape(metadata.Author)).Append("</rdf:li></rdf:Seq></dc:creator>\n");
        }

        if (metadata.Subject.Length > 0)
        {
            xml.Append("<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">").Append(Escape(metadata.Subject)).Append("</rdf:li></rdf:Alt></dc:description>\n");
        }

        if (metadata.Keywords.Length > 0)
        {
            xml.Append("<pdf:Keywords>").Append(Escape(metadata.Keywords)).Append("</pdf:Keywords>\n");
        }

        xml.Append("<pdf:Producer>").Append(Escape(producer)).Append("</pdf:Producer>\n")
            .Append("<xmp:CreatorTool>").Append(Escape(metadata.Creator)).Append("</xmp:CreatorTool>\n")
            .Append("<xmp:CreateDate>").Append(when).Append("</xmp:CreateDate>\n<xmp:ModifyDate>").Append(when).Append("</xmp:ModifyDate>\n")
            .Append("<pdfuaid:part>1</pdfuaid:part>\n")
            .Append("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
        return Encoding.UTF8.GetBytes(xml.ToString());
    }

    /// <summary>XML-escaped, without the control characters XML cannot hold.</summary>
    private static string Escape(string text) => SecurityElement.Escape(new string(text.Where(c => c is '\t' or '\n' or '\r' || !char.IsControl(c)).ToArray()));
}
