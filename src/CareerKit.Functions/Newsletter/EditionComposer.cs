using CareerKit.Rendering;
using Markdig;

namespace CareerKit.Newsletter;

/// <summary>
/// Renders an edition from templates/email/edition.*.liquid: tips' Markdown through Markdig with raw HTML
/// disabled and the result sanitised (so nothing in a tip can inject markup or scripts), every value escaped by the template engine, and
/// placeholders where each recipient's name and links go.
/// </summary>
public sealed class EditionComposer(TemplateLibrary templates)
{
    // Letters, digits and hyphens only: no encoder changes them, so they survive rendering intact.
    public const string FirstNamePlaceholder = "ckph-first-name-6b1f";
    public const string UnsubscribePlaceholder = "ckph-unsubscribe-url-6b1f";
    public const string PreferencesPlaceholder = "ckph-preferences-url-6b1f";
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().DisableHtml().UseAutoLinks().Build();

    // Markdown can still make links to any scheme; only http, https and mailto may reach an inbox.
    private static readonly Ganss.Xss.HtmlSanitizer Sanitizer = CreateSanitizer();

    public Edition Compose(string track, DateTimeOffset week, IReadOnlyList<Tip> tips, string archiveUrl)
    {
        var isoWeek = Edition.IsoWeekOf(week);
        var label = track switch { "ml" => "ML engineer", "ai" => "AI engineer", _ => "ML and AI engineer" };
        var subject = $"{tips[0].Title} and {tips.Count - 1} more {label} tips";
        var preheader = string.Join(" · ", tips.Skip(1).Select(tip => tip.Title));
        var model = new
        {
            Subject = subject,
            Preheader = preheader,
            Track = label,
            Week = isoWeek,
            ArchiveUrl = archiveUrl,
            FirstName = FirstNamePlaceholder,
            UnsubscribeUrl = UnsubscribePlaceholder,
            PreferencesUrl = PreferencesPlaceholder,
            Tips = tips.Select(tip => new { tip.Title, tip.Topic, Html = Sanitizer.Sanitize(Markdig.Markdown.ToHtml(tip.Body, Markdown)), Text = tip.Body }).ToList(),
        };
        var body = templates.RenderHtml("email/edition.html.liquid", model);
        var html = templates.RenderHtml("email/_layout.html.liquid", new { Subject = subject, Body = body });
        var text = templates.RenderText("email/edition.txt.liquid", model);
        return new Edition(Edition.IdFor(track, week), track, isoWeek, subject, preheader, tips.Select(tip => tip.Id).ToList(), html, text);
    }

    /// <summary>Fills one recipient's values into the rendered edition: a few replacements, no re-rendering.</summary>
    public static (string Html, string Text) Personalize(Edition edition, Recipient recipient)
    {
        var greeting = recipient.FirstName is { Length: > 0 } name ? $" {name}" : "";
        var html = edition.Html
            .Replace(FirstNamePlaceholder, TemplateLibrary.HtmlEscape(greeting), StringComparison.Ordinal)
            .Replace(UnsubscribePlaceholder, TemplateLibrary.HtmlEscape(recipient.UnsubscribeUrl), StringComparison.Ordinal)
            .Replace(PreferencesPlaceholder, TemplateLibrary.HtmlEscape(recipient.PreferencesUrl), StringComparison.Ordinal);
        var text = edition.Text
            .Replace(FirstNamePlaceholder, greeting, StringComparison.Ordinal)
            .Replace(UnsubscribePlaceholder, recipient.UnsubscribeUrl, StringComparison.Ordinal)
            .Replace(PreferencesPlaceholder, recipient.PreferencesUrl, StringComparison.Ordinal);
        return (html, text);
    }

    private static Ganss.Xss.HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new Ganss.Xss.HtmlSanitizer();
        sanitizer.AllowedSchemes.Add("mailto");
        return sanitizer;
    }
}
