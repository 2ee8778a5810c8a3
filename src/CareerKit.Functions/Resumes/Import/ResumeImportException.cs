namespace CareerKit.Resumes.Import;

/// <summary>
/// A file the importer will not read, and why, as the answer a person gets: 413 for the limits, 415 for a file that is
/// not a PDF or DOCX, 422 for one it cannot read (encrypted, scanned, malformed, a zip bomb, too slow to parse).
/// </summary>
public sealed class ResumeImportException(int status, string title, string detail) : Exception(title)
{
    public int Status { get; } = status;

    public string Title { get; } = title;

    public string Detail { get; } = detail;

    public static ResumeImportException Malformed(string kind) => new(
        StatusCodes.Status422UnprocessableEntity, $"This {kind} could not be read.",
        $"The file is damaged or not a complete {kind}. Open it in your editor, save or export it again, and upload that copy.");
}
