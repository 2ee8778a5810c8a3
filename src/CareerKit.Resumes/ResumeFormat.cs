using System.Text;
using CareerKit.Pdf.Document;

namespace CareerKit.Resumes;

/// <summary>The forms a resume downloads in: the PDF, a Word document, plain text to paste, and the JSON Resume itself.</summary>
public enum ResumeFormat
{
    Pdf,
    Docx,
    Txt,
    Json,
}

/// <summary>A resume written in one format: its bytes, media type and file name, and the PDF's render result when it is one.</summary>
public sealed record ResumeFile(byte[] Content, string ContentType, string FileName, RenderResult? Pdf)
{
    public IReadOnlyList<string> MissingCharacters => Pdf?.MissingCharacters ?? [];
}

public static class ResumeFormats
{
    public const string Choices = "pdf, docx, txt or json";

    /// <summary>The format a query string or the command line names; pdf when none is named.</summary>
    public static bool TryParse(string? text, out ResumeFormat format)
    {
        format = ResumeFormat.Pdf;
        switch (text?.ToLowerInvariant())
        {
            case null or "" or "pdf":
                return true;
            case "docx":
                format = ResumeFormat.Docx;
                return true;
            case "txt":
                format = ResumeFormat.Txt;
                return true;
            case "json":
                format = ResumeFormat.Json;
                return true;
            default:
                return false;
        }
    }

    public static string Extension(this ResumeFormat format) => format.ToString().ToLowerInvariant();

    public static string ContentType(this ResumeFormat format) => format switch
    {
        ResumeFormat.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ResumeFormat.Txt => "text/plain; charset=utf-8",
        ResumeFormat.Json => "application/json",
        _ => "application/pdf",
    };

    /// <summary>Writes a tailored resume in the format; the DOCX and the text follow the PDF's order through <see cref="ResumeOutline"/>.</summary>
    public static ResumeFile Write(this ResumeRenderer renderer, ResumeFormat format, ResumeDocument resume, ResumeTemplate template, Paper paper, string slug)
    {
        var fileName = $"careerkit-{slug}-resume.{format.Extension()}";
        if (format == ResumeFormat.Pdf)
        {
            var pdf = renderer.Render(resume, template, paper);
            return new(pdf.Pdf, format.ContentType(), fileName, pdf);
        }

        var content = format switch
        {
            ResumeFormat.Docx => ResumeDocx.Write(ResumeOutline.Of(resume, template), resume, paper),
            ResumeFormat.Txt => Encoding.UTF8.GetBytes(ResumePlainText.Write(ResumeOutline.Of(resume, template))),
            _ => ResumeJson.Write(resume),
        };
        return new(content, format.ContentType(), fileName, null);
    }
}
