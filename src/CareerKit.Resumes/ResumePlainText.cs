using System.Text;

namespace CareerKit.Resumes;

/// <summary>
/// A resume as plain text in the PDF's order: what a person pastes into an application form. One field a line,
/// headings on their own lines, highlights as "- " lines, links written out.
/// </summary>
public static class ResumePlainText
{
    public static string Write(ResumeOutline outline)
    {
        var text = new StringBuilder();
        Line(text, outline.Name);
        Line(text, outline.Label);
        foreach (var contact in outline.Contact)
        {
            // A link the visible text does not spell out (a profile's handle) is written beside it.
            Line(text, contact.Link is { } link && !link.StartsWith("mailto:", StringComparison.Ordinal) && link != contact.Text ? $"{contact.Text} ({link})" : contact.Text);
        }

        foreach (var section in outline.Sections)
        {
            if (!(text.Length >= 2 && text[^1] == '\n' && text[^2] == '\n'))
            {
                text.Append('\n');
            }

            Line(text, section.Heading.ToUpperInvariant());
            foreach (var entry in section.Entries)
            {
                Line(text, entry.First);
                Line(text, entry.Dates);
                Line(text, entry.Second);
                Line(text, entry.Url);
                Line(text, entry.Label is null ? entry.Summary : $"{entry.Label}: {entry.Summary}");
                foreach (var highlight in entry.Highlights)
                {
                    Line(text, $"- {highlight}");
                }

                if (entry.First is not null)
                {
                    text.Append('\n'); // A blank line between dated entries, as forms' free-text boxes show them.
                }
            }
        }

        return text.ToString().TrimEnd('\n') + "\n";
    }

    private static void Line(StringBuilder text, string? line)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            text.Append(line).Append('\n');
        }
    }
}
