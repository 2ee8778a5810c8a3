using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Exceptions;

namespace CareerKit.Resumes.Import;

/// <summary>
/// Reads a PDF's text as lines with PdfPig: words with their positions, sizes and weights are grouped into rows, rows
/// into lines split at wide gaps, wrapped lines joined, link annotations attached to the words they cover, and a
/// two-column page read column by column.
/// </summary>
public static class PdfResumeText
{
    public const int MaxPages = 6;

    /// <param name="maxPages">An upload's limit; the parse check reads back a PDF of ours, whatever its length.</param>
    public static ResumeText Read(byte[] pdf, CancellationToken cancellationToken, int maxPages = MaxPages)
    {
        PdfDocument document;
        try
        {
            document = PdfDocument.Open(pdf);
        }
        catch (PdfDocumentEncryptedException)
        {
            throw Encrypted();
        }
        catch (Exception unreadable) when (unreadable is not OperationCanceledException)
        {
            throw unreadable.Message.Contains("encrypt", StringComparison.OrdinalIgnoreCase) ? Encrypted() : ResumeImportException.Malformed("PDF");
        }

        using (document)
        {
            if (document.NumberOfPages > maxPages)
            {
                throw new ResumeImportException(StatusCodes.Status413PayloadTooLarge, "The resume has too many pages.",
                    $"It has {document.NumberOfPages} pages; an import takes at most {MaxPages} pages and {ResumeImporter.MaxUploadMegabytes} MB.");
            }

            var lines = new List<ResumeLine>();
            for (var number = 1; number <= document.NumberOfPages; number++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    lines.AddRange(PdfPageLayout.Lines(document.GetPage(number)));
                }
                catch (Exception unreadable) when (unreadable is not OperationCanceledException and not ResumeImportException)
                {
                    throw ResumeImportException.Malformed("PDF");
                }
            }

            if (lines.Count == 0)
            {
                throw new ResumeImportException(StatusCodes.Status422UnprocessableEntity, "This PDF has no text.",
                    "This PDF has no text; export it from your editor instead. A scanned or image-only resume cannot be read.");
            }

            return new ResumeText(lines);
        }
    }

    private static ResumeImportException Encrypted() => new(StatusCodes.Status422UnprocessableEntity, "This PDF is encrypted.",
        "The PDF is protected by a password, so its text cannot be read. Save or export it again without a password, and upload that copy.");
}
