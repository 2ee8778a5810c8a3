using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using CareerKit.Hosting;
using Microsoft.Extensions.Options;

namespace CareerKit.Newsletter;

/// <summary>One thing the send gate found: which rule, and what to do about it in words an editor understands.</summary>
public sealed record GateFinding(string Rule, string Message);

/// <summary>The send gate's verdict: errors block sending, warnings do not.</summary>
public sealed record GateReport(IReadOnlyList<GateFinding> Errors, IReadOnlyList<GateFinding> Warnings)
{
    public bool Passes => Errors.Count == 0;

    /// <summary>Every finding with its rule, errors first, in one line: for logs (it holds no personal data) and test failures.</summary>
    public string Describe() => string.Join(" ", Errors.Concat(Warnings).Select(finding => $"[{finding.Rule}] {finding.Message}"));
}

/// <summary>
/// The send gate: every edition is checked before it is scheduled, sent now, test-sent or sent by the weekly timer,
/// as a sample subscriber gets it (names and links filled in). Errors are what breaks an email in the inbox (clipped,
/// cut-off subject, dead or insecure links, "{{ name }}" on show, no text part, images a screen reader cannot name);
/// warnings are what hurts it (no preheader, too long, shortened links that spam filters distrust).
/// </summary>
public sealed partial class EditionGate(IOptions<CareerKitOptions> options)
{
    /// <summary>Gmail clips a message at about 102 KB and hides the rest, unsubscribe link included.</summary>
    public const int MaxHtmlBytes = 100 * 1024;
    public const int MinSubject = 10;
    /// <summary>RFC 5322's recommended line length, and about what a phone's inbox shows.</summary>
    public const int MaxSubject = 78;
    public const int MaxWords = 1_500;

    private static readonly string[] Shorteners =
    [
        "bit.ly", "bitly.com", "t.co", "tinyurl.com", "goo.gl", "ow.ly", "buff.ly", "is.gd", "v.gd", "tiny.cc", "cutt.ly",
        "rebrand.ly", "rb.gy", "t.ly", "shorturl.at", "s.id", "lnkd.in", "bl.ink", "soo.gd", "shorte.st", "adf.ly", "tr.im",
    ];

    private static readonly HtmlParser Parser = new();

    /// <summary>The subscriber previews, tests and the gate render for: a name, and links of the same shape as real ones.</summary>
    public Recipient SampleRecipient => new(
        "Alex", options.Value.LinkTo("/api/subscriptions/unsubscribe?token=sample"), options.Value.LinkTo("/api/subscriptions/preferences?token=sample"),
        tipId => options.Value.LinkTo($"/{FeedbackLinks.Path}?edition=sample&tip={Uri.EscapeDataString(tipId)}&token=sample"));

    /// <summary>Checks an edition as the sample subscriber gets it.</summary>
    public GateReport Check(Edition edition)
    {
        var (html, text) = EditionComposer.Personalize(edition, SampleRecipient);
        return Check(edition.Subject, edition.Preheader, html, text, new Uri(options.Value.PublicBaseUrl));
    }

    /// <summary>Checks one rendered email; <paramref name="ownAddress"/> is the app's public address, whose links may be http (locally).</summary>
    public static GateReport Check(string subject, string? preheader, string html, string? text, Uri ownAddress)
    {
        var (errors, warnings) = (new List<GateFinding>(), new List<GateFinding>());
        var document = Parser.ParseDocument(html);
        var visibleText = document.Body?.TextContent ?? "";

        var bytes = Encoding.UTF8.GetByteCount(html);
        if (bytes > MaxHtmlBytes)
        {
            errors.Add(new("size", $"The email's HTML is {Kilobytes(bytes)} KB. Keep it under 100 KB: Gmail clips longer emails and hides the rest, unsubscribe link included. Pick fewer tips or shorten the intro."));
        }

        var length = new StringInfo(subject.Trim()).LengthInTextElements;
        if (length is < MinSubject or > MaxSubject)
        {
            errors.Add(new("subject", $"The subject has {length} characters. Write {MinSubject} to {MaxSubject}: shorter says too little, longer is cut off in the inbox."));
        }

        var links = document.QuerySelectorAll("[href], [src]")
            .Select(element => (element.GetAttribute("href") ?? element.GetAttribute("src") ?? "").Trim())
            .Distinct(StringComparer.Ordinal).ToList();
        foreach (var link in links.Where(link => !IsSecure(link, ownAddress)))
        {
            errors.Add(new("link", $"The link \"{Shorten(link)}\" is not an absolute https:// address. Use the full https:// address, so it opens in every mail program and nobody can read or change it on the way."));
        }

        var placeholders = Placeholder().Matches(string.Join('\n', subject, preheader, visibleText, document.Title, text))
            .Select(match => match.Value).Distinct(StringComparer.Ordinal).ToList();
        if (placeholders.Count > 0)
        {
            errors.Add(new("placeholder", $"{string.Join(", ", placeholders.Take(5).Select(value => $"\"{Shorten(value)}\""))} would reach readers as typed: nothing fills it in. Replace it with the words it stands for."));
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new("text-part", "The email has no plain-text part. Mail programs that show text only, and some spam filters, need one."));
        }

        var unnamed = document.QuerySelectorAll("img:not([alt])").Select(image => image.GetAttribute("src") ?? "").ToList();
        if (unnamed.Count > 0)
        {
            errors.Add(new("image-alt", $"{unnamed.Count} image(s) have no alt text ({Shorten(unnamed[0])}). Describe each image in alt, or give alt=\"\" to one that is only decoration."));
        }

        if (string.IsNullOrWhiteSpace(preheader))
        {
            warnings.Add(new("preheader", "There is no preheader: the inbox shows the email's first words next to the subject instead. Write one line that makes people open it."));
        }

        var words = Word().Count(visibleText);
        if (words > MaxWords)
        {
            warnings.Add(new("length", $"The email has {words.ToString("N0", CultureInfo.InvariantCulture)} words, over {MaxWords.ToString("N0", CultureInfo.InvariantCulture)}: few read that far. Consider fewer tips or a shorter intro."));
        }

        foreach (var link in links.Where(IsShortened))
        {
            warnings.Add(new("shortener", $"The link \"{Shorten(link)}\" goes through a URL shortener. Spam filters distrust them and readers cannot see where it leads: link to the page itself."));
        }

        return new GateReport(errors, warnings);
    }

    private static bool IsSecure(string link, Uri ownAddress) =>
        Uri.TryCreate(link, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps
            || Uri.Compare(uri, ownAddress, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0);

    private static bool IsShortened(string link) =>
        Uri.TryCreate(link, UriKind.Absolute, out var uri)
        && Shorteners.Any(host => uri.Host.Equals(host, StringComparison.OrdinalIgnoreCase) || uri.Host.EndsWith("." + host, StringComparison.OrdinalIgnoreCase));

    private static string Kilobytes(int bytes) => (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture);

    private static string Shorten(string value) => value.Length > 80 ? value[..80] + "…" : value;

    /// <summary>Liquid output and tags left in the result, and the composer's per-recipient markers left unfilled.</summary>
    [GeneratedRegex(@"\{\{.{0,200}?\}\}|\{%.{0,200}?%\}|ckph-[a-z0-9-]+", RegexOptions.Singleline)]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\b[\w'’-]+\b")]
    private static partial Regex Word();
}
