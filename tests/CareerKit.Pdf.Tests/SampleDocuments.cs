using CareerKit.Pdf.Document;
using CareerKit.Pdf.Text;

namespace CareerKit.Pdf.Tests;

internal static class SampleDocuments
{
    public static readonly DocumentOptions Options = new()
    {
        Metadata = new PdfMetadata("Ada Lovelace: resume", "Ada Lovelace", "ML engineer resume", "machine learning, python", "CareerKit"),
    };

    /// <summary>A resume-like text of about two A4 pages.</summary>
    public static DocumentContent TwoPageResume()
    {
        var content = new DocumentContent()
            .Heading("Ada Lovelace")
            .Paragraph(new TextRun("ada@example.com", TextStyle.Body, "mailto:ada@example.com"), new TextRun(" · ", TextStyle.Body), new TextRun("https://ada.example", TextStyle.Body, "https://ada.example"))
            .Spacing(8);
        for (var job = 1; job <= 7; job++)
        {
            content.KeepTogether(60, section => section
                .Heading($"Experience {job}", 2)
                .Rule()
                .Spacing(4)
                .Row([new TextRun($"Senior ML Engineer {job}, Acme", TextStyle.Body.Bold())], [new TextRun("2021 – 2024", TextStyle.Body)])
                .Paragraph("Built efficient office workflows with fluent, affine feature pipelines; shipped models to production and monitored drift.")
                .Bullets([
                    [new TextRun("Cut inference latency by 40% with quantisation and batching.", TextStyle.Body)],
                    [new TextRun("Led an offline evaluation suite for ranking models used by 3 teams.", TextStyle.Body)],
                    [new TextRun("Mentored four engineers in MLOps: Docker, CI/CD and monitoring.", TextStyle.Body)],
                ])
                .Spacing(8));
        }

        return content;
    }
}
