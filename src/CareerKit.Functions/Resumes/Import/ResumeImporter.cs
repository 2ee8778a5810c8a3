using CareerKit.Hosting;
using Microsoft.Extensions.Options;

namespace CareerKit.Resumes.Import;

/// <summary>
/// Reads a PDF or DOCX resume into a JSON Resume document, in memory: the bytes are never stored and nothing of them
/// is logged. The kind is told by the file's first bytes, not its name or declared type. Parsing is bounded in time:
/// past <see cref="CareerKitOptions.ResumeImportSeconds"/> the import gives up with a 422.
/// </summary>
public sealed class ResumeImporter(IOptions<CareerKitOptions> options, TimeProvider time)
{
    public const int MaxUploadMegabytes = 5;
    public const int MaxUploadBytes = MaxUploadMegabytes * 1024 * 1024;

    public async Task<ImportedResume> ImportAsync(byte[] file, CancellationToken cancellationToken)
    {
        if (file.Length > MaxUploadBytes)
        {
            throw TooLarge();
        }

        var read = KindOf(file) switch
        {
            ResumeFileKind.Pdf => (Func<CancellationToken, ResumeText>)(token => PdfResumeText.Read(file, token)),
            ResumeFileKind.Docx => token => DocxResumeText.Read(file, token),
            ResumeFileKind.EncryptedOffice => throw new ResumeImportException(StatusCodes.Status422UnprocessableEntity, "This Word document is encrypted.",
                "The document is protected by a password, so its text cannot be read. Save it again without a password, and upload that copy."),
            _ => throw new ResumeImportException(StatusCodes.Status415UnsupportedMediaType, "This is not a PDF or Word document.",
                "Upload your resume as a PDF or a Word document (.docx). The file's content was checked, not its name."),
        };

        var limit = TimeSpan.FromSeconds(options.Value.ResumeImportSeconds);
        using var timeout = new CancellationTokenSource(limit, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        var parse = Task.Run(() => ResumeAssembler.Assemble(SectionSplitter.Split(read(either.Token))), either.Token);
        try
        {
            // A parser stuck inside a library call does not see the token: the answer does not wait for it.
            return await parse.WaitAsync(limit, time, cancellationToken);
        }
        catch (Exception slow) when ((slow is TimeoutException || (slow is OperationCanceledException && timeout.IsCancellationRequested)) && !cancellationToken.IsCancellationRequested)
        {
            throw new ResumeImportException(StatusCodes.Status422UnprocessableEntity, "The resume took too long to read.",
                $"Reading it took more than {limit.TotalSeconds:0.#} seconds, so it was stopped. Export it again from your editor as a simpler PDF or DOCX, and upload that.");
        }
    }

    public static ResumeImportException TooLarge() => new(StatusCodes.Status413PayloadTooLarge, "The file is too large.",
        $"An import takes a PDF or DOCX of at most {MaxUploadMegabytes} MB and {PdfResumeText.MaxPages} pages.");

    /// <summary>The kind of file its first bytes say it is.</summary>
    public static ResumeFileKind KindOf(ReadOnlySpan<byte> file)
    {
        // PDF readers accept the header anywhere in the first 1 KB.
        if (file[..Math.Min(file.Length, 1024)].IndexOf("%PDF-"u8) >= 0)
        {
            return ResumeFileKind.Pdf;
        }

        if (file.StartsWith("PK\x03\x04"u8))
        {
            return ResumeFileKind.Docx;
        }

        // Word saves a password-protected DOCX as an OLE compound file holding the encrypted package.
        if (file.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) && file.IndexOf("E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e"u8) >= 0)
        {
            return ResumeFileKind.EncryptedOffice;
        }

        return ResumeFileKind.Unknown;
    }
}

public enum ResumeFileKind
{
    Unknown,
    Pdf,
    Docx,
    EncryptedOffice,
}
