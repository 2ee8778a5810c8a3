using CareerKit.Pdf.Document;

namespace CareerKit.Resumes.Import;

/// <summary>
/// What an applicant-tracking system reads back from the PDF about to be downloaded: the text extracted from it, and
/// the fields it recovers compared with the resume sent, each mismatch named by its JSON path.
/// </summary>
public sealed record ParseCheck(IReadOnlyList<ReadBackField> Fields, IReadOnlyList<ParseMismatch> Mismatches, string Text);

/// <summary>A field a parser reads differently from the resume, or does not find: <c>work[0].name</c>, and how it differs.</summary>
public sealed record ParseMismatch(string Path, string Message);

/// <summary>
/// Renders the tailored resume exactly as the download does (same renderer, template and paper), then reads that PDF
/// back with the importer (PdfPig, the same section and entry parsers) and compares field by field.
/// </summary>
public sealed class ResumeParseCheck(ResumeRenderer renderer)
{
    public ParseCheck Check(ResumeDocument tailored, ResumeTemplate template, Paper paper, CancellationToken cancellationToken)
    {
        var pdf = renderer.Render(tailored, template, paper).Pdf;
        return Check(tailored, pdf, cancellationToken);
    }

    /// <summary>Reads a rendered PDF of <paramref name="written"/> back and compares the two.</summary>
    public static ParseCheck Check(ResumeDocument written, byte[] pdf, CancellationToken cancellationToken)
    {
        ResumeText text;
        try
        {
            text = PdfResumeText.Read(pdf, cancellationToken, maxPages: int.MaxValue);
        }
        catch (ResumeImportException)
        {
            text = new ResumeText([]); // No text at all (every character missing from the font): every field is then not found.
        }

        var read = text.Lines.Count == 0 ? new ResumeDocument() : ResumeAssembler.Assemble(SectionSplitter.Split(text)).Resume;
        var fields = ReadBackFields.Compare(written, read);
        var mismatches = fields.Where(field => !field.Matches).Select(Mismatch).ToList();
        return new ParseCheck(fields, mismatches, string.Join('\n', text.Lines.Select(line => line.Text)));
    }

    private static ParseMismatch Mismatch(ReadBackField field)
    {
        var what = field.Field == "urls" ? "link" : field.Field;
        return new ParseMismatch(field.Path, field.Read is null
            ? $"{what}: you wrote “{field.Expected}”; a parser does not find it"
            : $"{what}: you wrote “{field.Expected}”; a parser reads “{field.Read}”");
    }
}
