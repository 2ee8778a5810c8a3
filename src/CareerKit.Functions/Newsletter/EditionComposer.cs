using CareerKit.Rendering;
using Markdig;

namespace CareerKit.Newsletter;

/// <summary>
/// Renders an edition from templates/email/edition.*.liquid: intros' and tips' Markdown through Markdig with raw HTML
/// disabled and the result sanitised (so nothing in them can inject markup, forms or scripts), every value escaped by the template engine, and
/// placeholders where each recipient's name and links go.
/// </summary>
/// <summary>What an edition says: its subject, preheader, an optional Markdown intro and its tips.</summary>
public sealed record EditionContent(string Subject, string Preheader, string? IntroMarkdown, IReadOnlyList<Tip> Tips);

public sealed partial class EditionComposer(TemplateLibrary templates)
{
    // Letters, digits and hyphens only: no encoder changes them, so they survive rendering intact.
    public const string FirstNamePlaceholder = "ckph-first-name-6b1f";
    public const string UnsubscribePlaceholder = "ckph-unsubscribe-url-6b1f";
    public const string PreferencesPlaceholder = "ckph-preferences-url-6b1f";
    // Raw HTML in Markdown stays text: what an editor types as a tag shows as typed and never becomes markup.
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAutoLinks().DisableHtml().Build();

    // The second line of defence: only the elements Markdown makes, and links to http, https and mailto only.
    private static readonly Ganss.Xss.HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>The weekly timer's edition: subject and preheader from the chosen tips, no intro.</summary>
    public Edition Compose(Track track, DateTimeOffset week, IReadOnlyList<Tip> tips, string archiveUrl)
    {
        var subject = WeeklySubject(track, tips);
        var preheader = string.Join(" · ", tips.Skip(1).Select(tip => tip.Title));
        return Compose(track, week, new EditionContent(subject, preheader, null, tips), archiveUrl);
    }

    /// <summary>The first tip's title and how many more follow, in as many words as the send gate's subject length allows.</summary>
    private static string WeeklySubject(Track track, IReadOnlyList<Tip> tips)
    {
        var (first, more) = (tips[0].Title, tips.Count - 1);
        string[] wordings = more == 0 ? [first] : [$"{first} and {more} more {track.DisplayName()} tips", $"{first} and {more} more tips", first];
        return wordings.FirstOrDefault(wording => new System.Globalization.StringInfo(wording).LengthInTextElements <= EditionGate.MaxSubject)
            ?? first[..(EditionGate.MaxSubject - 1)] + "…";
    }

    /// <summary>An edition as an editor wrote it: their subject, preheader and Markdown intro, and their tips.</summary>
    public Edition Compose(Track track, DateTimeOffset week, EditionContent content, string archiveUrl)
    {
        var isoWeek = Edition.IsoWeekOf(week);
        var model = new
        {
            content.Subject,
            content.Preheader,
            Track = track.DisplayName(),
            Week = isoWeek,
            ArchiveUrl = archiveUrl,
            FirstName = FirstNamePlaceholder,
            UnsubscribeUrl = UnsubscribePlaceholder,
            PreferencesUrl = PreferencesPlaceholder,
            IntroHtml = content.IntroMarkdown is { Length: > 0 } intro ? SafeHtml(intro) : null,
            IntroText = content.IntroMarkdown is { Length: > 0 } plain ? PlainText(plain) : null,
            Tips = content.Tips.Select(tip => new { tip.Title, tip.Topic, Html = SafeHtml(tip.Body), Text = PlainText(tip.Body) }).ToList(),
        };
        var body = templates.RenderHtml("email/edition.html.liquid", model);
        var html = templates.RenderHtml("email/_layout.html.liquid", new { content.Subject, Body = body });
        var text = templates.RenderText("email/edition.txt.liquid", model);
        return new Edition(Edition.IdFor(track, week), track, isoWeek, content.Subject, content.Preheader, content.Tips.Select(tip => tip.Id).ToList(), html, text);
    }

    /// <summary>Markdown to HTML that cannot carry markup of its own, scripts, event handlers or unsafe links.</summary>
    public static string SafeHtml(string markdown) => Sanitizer.Sanitize(Markdig.Markdown.ToHtml(markdown, Markdown));

    /// <summary>
    /// The text part of Markdown: the Markdown itself, which reads well as text and keeps link addresses, less any
    /// raw HTML tags (autolinks such as &lt;https://…&gt; stay).
    /// </summary>
    public static string PlainText(string markdown) => RawTag().Replace(markdown, "").Trim();

    [System.Text.RegularExpressions.GeneratedRegex("<(?!https?://|mailto:)/?[A-Za-z!][^>]*>")]
    private static partial System.Text.RegularExpressions.Regex RawTag();

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

    /// <summary>
    /// Allows only what Markdown makes of words and links: no forms or inputs (a phishing form in an email or the
    /// archive), no images (tips are words and links; an image could only track readers), no styles.
    /// </summary>
    private static Ganss.Xss.HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new Ganss.Xss.HtmlSanitizer();
        sanitizer.AllowedTags.Clear();
        sanitizer.AllowedTags.UnionWith(["p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "pre", "code", "em", "strong", "a"]);
        sanitizer.AllowedAttributes.Clear();
        sanitizer.AllowedAttributes.UnionWith(["href", "title", "start"]);
        sanitizer.AllowedSchemes.Add("mailto");
        return sanitizer;
    }
}
