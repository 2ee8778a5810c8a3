using CareerKit.Pdf.Layout;

namespace CareerKit.Pdf.Document;

public enum Paper
{
    A4,
    Letter,
}

public static class PaperSizes
{
    /// <summary>Page size in PDF points (1/72 inch).</summary>
    public static Size Of(Paper paper) => paper switch
    {
        Paper.Letter => new Size(612, 792),
        _ => new Size(595.28f, 841.89f),
    };
}

/// <summary>Title, author, subject, keywords and creator, written into the PDF's document information.</summary>
public sealed record PdfMetadata(string Title, string Author = "", string Subject = "", string Keywords = "", string Creator = "CareerKit");

public sealed record DocumentOptions
{
    public Paper Paper { get; init; } = Paper.A4;

    /// <summary>Page margin on every side, in points.</summary>
    public float Margin { get; init; } = 48;

    public PdfMetadata Metadata { get; init; } = new("Document");

    /// <summary>Written as the creation and modification date: fixed, so the same input gives the same bytes.</summary>
    public DateTime CreationDate { get; init; } = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The document's natural language as a BCP 47 tag ("en", "de-CH"): screen readers pick their voice by it.</summary>
    public string Language { get; init; } = "en";

    /// <summary>"Page X of Y" at the foot of every page.</summary>
    public bool PageNumbers { get; init; } = true;
}

/// <summary>A rendered document, and the characters no font could draw (drawn as □ instead).</summary>
public sealed record RenderResult(byte[] Pdf, int PageCount, IReadOnlyList<string> MissingCharacters);
