using CareerKit.Pdf.Document;
using CareerKit.Pdf.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace CareerKit.Resumes;

/// <summary>
/// A resume as a Word document in the PDF's order: the name as Heading 1, sections as Heading 2, highlights in the
/// List Bullet style over a real numbering definition, links as hyperlink relationships, no tables or text boxes
/// (applicant-tracking parsers read those out of order).
/// </summary>
public static class ResumeDocx
{
    private const string MutedColor = "595959";

    public static byte[] Write(ResumeOutline outline, ResumeDocument resume, Paper paper)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles();
            main.AddNewPart<NumberingDefinitionsPart>().Numbering = Bullets();
            var body = new Body();
            Write(body, outline, main);
            body.Append(Page(paper));
            main.Document = new Document(body);

            var properties = document.PackageProperties;
            properties.Title = outline.Title;
            properties.Creator = outline.Name;
            properties.Subject = $"{resume.Basics?.Label ?? "Tailored"} resume";
            properties.Keywords = string.Join(", ", resume.Skills.SelectMany(skill => skill.Keywords).Take(20));
            properties.Created = properties.Modified = ResumeRenderer.FixedDate; // Same input, same document.
        }

        return stream.ToArray();
    }

    private static void Write(Body body, ResumeOutline outline, MainDocumentPart main)
    {
        body.Append(Styled("Heading1", new Run(Text(outline.Name))));
        if (outline.Label is { } label)
        {
            body.Append(new Paragraph(Plain(label, MutedColor)));
        }

        if (outline.Contact.Count > 0)
        {
            var contact = new Paragraph();
            foreach (var (item, index) in outline.Contact.Select((item, index) => (item, index)))
            {
                if (index > 0)
                {
                    contact.Append(Plain("  ·  ", MutedColor));
                }

                contact.Append(Linked(main, item.Text, item.Link));
            }

            body.Append(contact);
        }

        foreach (var section in outline.Sections)
        {
            body.Append(Styled("Heading2", new Run(Text(section.Heading))));
            foreach (var entry in section.Entries)
            {
                // The PDF's order: the first line (linked like the PDF's) with the dates, then the position or degree.
                if (entry.First is { } first)
                {
                    body.Append(new Paragraph(new ParagraphProperties(new KeepNext()), Linked(main, first, entry.Url)));
                }

                if (entry.Dates is { } dates)
                {
                    body.Append(new Paragraph(new ParagraphProperties(new KeepNext()), Plain(dates, MutedColor)));
                }

                if (entry.Second is { } second)
                {
                    body.Append(new Paragraph(new ParagraphProperties(new KeepNext()), new Run(new RunProperties(new Bold()), Text(second))));
                }

                if (entry.Url is { } url && entry.First is not null && entry.Second is null)
                {
                    body.Append(new Paragraph(Linked(main, url, url))); // A project's address, printed as the PDF prints it.
                }

                if (entry.Summary is { } summary)
                {
                    body.Append(entry.Label is { } lead
                        ? new Paragraph(new Run(new RunProperties(new Bold()), Text($"{lead}: ")), Plain(summary))
                        : new Paragraph(Plain(summary)));
                }

                foreach (var highlight in entry.Highlights)
                {
                    body.Append(Styled("ListBullet", Plain(highlight)));
                }
            }
        }
    }

    private static Paragraph Styled(string style, OpenXmlElement content) =>
        new(new ParagraphProperties(new ParagraphStyleId { Val = style }), content);

    private static Run Plain(string text, string? color = null) =>
        color is null ? new Run(Text(text)) : new Run(new RunProperties(new Color { Val = color }), Text(text));

    /// <summary>The text, linked through a hyperlink relationship when its link is safe (the PDF's rule: http, https, mailto).</summary>
    private static OpenXmlElement Linked(MainDocumentPart main, string text, string? link)
    {
        if (new TextRun(text, TextStyle.Body, link).SafeLink is not { } safe)
        {
            return Plain(text);
        }

        var relationship = main.AddHyperlinkRelationship(new Uri(safe), isExternal: true);
        return new Hyperlink(new Run(new RunProperties(new RunStyle { Val = "Hyperlink" }), Text(text))) { Id = relationship.Id };
    }

    private static Text Text(string text) => new(text) { Space = SpaceProcessingModeValues.Preserve };

    private static SectionProperties Page(Paper paper)
    {
        var (width, height) = paper == Paper.Letter ? (12240U, 15840U) : (11906U, 16838U); // Twentieths of a point.
        return new SectionProperties(
            new PageSize { Width = width, Height = height },
            new PageMargin { Top = 920, Bottom = 920, Left = 920U, Right = 920U, Header = 450U, Footer = 450U, Gutter = 0U });
    }

    private static Styles Styles() => new(
        new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = "Calibri", HighAnsi = "Calibri", ComplexScript = "Calibri", EastAsia = "Calibri" },
                new FontSize { Val = "21" }, new Languages { Val = "en-US" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "60" }))),
        new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
        Heading(1, size: "36", before: "0"),
        Heading(2, size: "26", before: "240"),
        new Style(
            new StyleName { Val = "List Bullet" }, new BasedOn { Val = "Normal" }, new UIPriority { Val = 36 },
            new StyleParagraphProperties(new NumberingProperties(new NumberingId { Val = BulletsId }), new Indentation { Left = "360", Hanging = "360" }))
        { Type = StyleValues.Paragraph, StyleId = "ListBullet" },
        new Style(
            new StyleName { Val = "Hyperlink" }, new UIPriority { Val = 99 }, new UnhideWhenUsed(),
            new StyleRunProperties(new Color { Val = "0563C1" }, new Underline { Val = UnderlineValues.Single }))
        { Type = StyleValues.Character, StyleId = "Hyperlink" });

    /// <summary>Word's built-in "heading N" style: what parsers and screen readers recognise as a heading.</summary>
    private static Style Heading(int level, string size, string before) => new(
        new StyleName { Val = $"heading {level}" }, new BasedOn { Val = "Normal" }, new NextParagraphStyle { Val = "Normal" },
        new UIPriority { Val = 9 }, new PrimaryStyle(),
        new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = before, After = "80" }, new OutlineLevel { Val = level - 1 }),
        new StyleRunProperties(new Bold(), new FontSize { Val = size }))
    { Type = StyleValues.Paragraph, StyleId = $"Heading{level}" };

    private const int BulletsId = 1;

    private static Numbering Bullets() => new(
        new AbstractNum(
            new MultiLevelType { Val = MultiLevelValues.SingleLevel },
            new Level(
                new StartNumberingValue { Val = 1 },
                new NumberingFormat { Val = NumberFormatValues.Bullet },
                new LevelText { Val = "•" },
                new LevelJustification { Val = LevelJustificationValues.Left },
                new PreviousParagraphProperties(new Indentation { Left = "360", Hanging = "360" }))
            { LevelIndex = 0 })
        { AbstractNumberId = BulletsId },
        new NumberingInstance(new AbstractNumId { Val = BulletsId }) { NumberID = BulletsId });
}
