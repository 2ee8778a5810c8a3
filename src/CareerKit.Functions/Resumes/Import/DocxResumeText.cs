using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace CareerKit.Resumes.Import;

/// <summary>
/// Reads a DOCX's text as lines with Open XML: paragraphs in a heading style are headings, list paragraphs bullets,
/// hyperlinks keep their addresses, tabs split a line's parts, and tables used for layout are read column by column.
/// </summary>
public static class DocxResumeText
{
    public static ResumeText Read(byte[] docx, CancellationToken cancellationToken)
    {
        DocxPackageLimits.Check(docx, cancellationToken);
        try
        {
            using var stream = new MemoryStream(docx, writable: false);
            using var document = WordprocessingDocument.Open(stream, false, new OpenSettings { MaxCharactersInPart = DocxPackageLimits.MaxUnpackedBytes });
            var main = document.MainDocumentPart ?? throw ResumeImportException.Malformed("Word document");
            var body = main.Document?.Body ?? throw ResumeImportException.Malformed("Word document");
            var reader = new DocxParagraphs(main);
            var lines = new List<ResumeLine>();
            foreach (var paragraph in Paragraphs(body))
            {
                cancellationToken.ThrowIfCancellationRequested();
                lines.AddRange(reader.Lines(paragraph));
            }

            if (lines.Count == 0)
            {
                throw new ResumeImportException(StatusCodes.Status422UnprocessableEntity, "This Word document has no text.",
                    "The document has no text to read. If your resume is a picture or a scan, export it as text from your editor instead.");
            }

            return new ResumeText(lines);
        }
        catch (Exception unreadable) when (unreadable is OpenXmlPackageException or InvalidDataException or IOException or FormatException or System.Xml.XmlException or InvalidOperationException)
        {
            throw ResumeImportException.Malformed("Word document");
        }
    }

    /// <summary>Paragraphs in reading order: a table is read column by column (a layout table puts a sidebar in one column).</summary>
    private static IEnumerable<Paragraph> Paragraphs(OpenXmlElement container)
    {
        foreach (var element in container.ChildElements)
        {
            switch (element)
            {
                case Paragraph paragraph:
                    yield return paragraph;
                    foreach (var boxed in paragraph.Descendants<TextBoxContent>().SelectMany(Paragraphs))
                    {
                        yield return boxed;
                    }

                    break;
                case Table table:
                    var rows = table.Elements<TableRow>().Select(row => row.Elements<TableCell>().ToList()).ToList();
                    var columns = rows.Count == 0 ? 0 : rows.Max(row => row.Count);
                    for (var column = 0; column < columns; column++)
                    {
                        foreach (var row in rows.Where(row => column < row.Count))
                        {
                            foreach (var inner in Paragraphs(row[column]))
                            {
                                yield return inner;
                            }
                        }
                    }

                    break;
                case SdtBlock or SdtContentBlock or CustomXmlBlock:
                    foreach (var inner in Paragraphs(element))
                    {
                        yield return inner;
                    }

                    break;
            }
        }
    }
}
