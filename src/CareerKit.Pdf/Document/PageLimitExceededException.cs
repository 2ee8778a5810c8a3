namespace CareerKit.Pdf.Document;

/// <summary>The content runs past <see cref="MaxPages"/> pages: layout stopped there rather than go on.</summary>
public sealed class PageLimitExceededException(int maxPages)
    : Exception($"The document would have more than {maxPages} pages; a document can have at most {maxPages} pages.")
{
    public int MaxPages { get; } = maxPages;
}
