using System.IO.Compression;

namespace CareerKit.Resumes.Import;

/// <summary>
/// Checks a DOCX's zip before Open XML opens it, so a zip bomb costs nothing: at most 10,000 parts and 50 MB
/// unpacked, both as the zip declares them and as they really inflate (a zip can lie about its sizes).
/// </summary>
public static class DocxPackageLimits
{
    public const int MaxParts = 10_000;
    public const long MaxUnpackedBytes = 50L * 1024 * 1024;

    public static void Check(byte[] docx, CancellationToken cancellationToken)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(docx, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxParts)
            {
                throw Bomb($"it holds {zip.Entries.Count:N0} parts");
            }

            var declared = zip.Entries.Sum(entry => entry.Length);
            if (declared > MaxUnpackedBytes)
            {
                throw Bomb($"it unpacks to {declared / (1024 * 1024):N0} MB");
            }

            // .NET inflates an entry only up to the size the zip declares; a part whose packed data is larger than any
            // deflate of that size could be holds more than it declares: a zip made to slip past the size check.
            if (zip.Entries.Any(entry => entry.CompressedLength > MostPackedSize(entry.Length)))
            {
                throw Bomb("its parts hold more data than the sizes it declares");
            }

            if (zip.GetEntry("word/document.xml") is null)
            {
                throw new ResumeImportException(StatusCodes.Status415UnsupportedMediaType, "This is not a Word document.",
                    "The file is a zip archive without a Word document in it. Upload a PDF or a DOCX resume.");
            }

            var buffer = new byte[81920];
            var inflated = 0L;
            foreach (var entry in zip.Entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var part = entry.Open();
                var size = 0L;
                int read;
                while ((read = part.Read(buffer)) > 0)
                {
                    size += read;
                    inflated += read;
                    if (size > entry.Length || inflated > MaxUnpackedBytes)
                    {
                        throw Bomb("its parts inflate past the sizes it declares");
                    }
                }
            }
        }
        catch (Exception unreadable) when (unreadable is InvalidDataException or IOException or NotSupportedException)
        {
            throw ResumeImportException.Malformed("Word document");
        }
    }

    /// <summary>The most a deflated (or stored) part of <paramref name="size"/> bytes takes: zlib's deflateBound, with room for a stored block's header.</summary>
    private static long MostPackedSize(long size) => size + (size >> 12) + (size >> 14) + (size >> 25) + 64;

    private static ResumeImportException Bomb(string what) => new(StatusCodes.Status413PayloadTooLarge, "The Word document unpacks too large.",
        $"The file cannot be imported: {what}. A DOCX import takes at most {MaxParts:N0} parts and {MaxUnpackedBytes / (1024 * 1024)} MB unpacked.");
}
