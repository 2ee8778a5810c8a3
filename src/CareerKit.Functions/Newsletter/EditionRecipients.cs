using CareerKit.Email;
using CareerKit.Hosting;
using Microsoft.Extensions.Options;
using CareerKit.Rendering;
using CareerKit.Subscriptions;

namespace CareerKit.Newsletter;

/// <summary>
/// One recipient's part of a batch: the values SendGrid substitutes into the edition (greeting, signed
/// unsubscribe and preferences links, a signed feedback link per tip), the one-click unsubscribe headers and the ids
/// the event webhook reports back.
/// </summary>
public sealed class EditionRecipients(SubscriptionTokens tokens, FeedbackLinks feedback, IOptions<CareerKitOptions> options)
{
    private static readonly string[] Placeholders = [EditionComposer.FirstNamePlaceholder, EditionComposer.UnsubscribePlaceholder, EditionComposer.PreferencesPlaceholder];

    // The same links as SubscriptionEmails.Link, with their fixed part built once rather than per recipient.
    private readonly string _unsubscribe = options.Value.LinkTo("api/subscriptions/unsubscribe") + "?token=";
    private readonly string _preferences = options.Value.LinkTo("api/subscriptions/preferences") + "?token=";

    /// <param name="tipIds">The edition's tips in their order: the feedback placeholders are numbered by it.</param>
    public BulkRecipient For(string editionId, IReadOnlyList<string> tipIds, Subscriber subscriber, string email)
    {
        var unsubscribe = _unsubscribe + Uri.EscapeDataString(tokens.Issue(subscriber.Id, TokenPurpose.Unsubscribe));
        var preferences = _preferences + Uri.EscapeDataString(tokens.Issue(subscriber.Id, TokenPurpose.Preferences));
        var greeting = subscriber.FirstName is { Length: > 0 } name ? $" {name}" : "";
        var html = new Dictionary<string, string>
        {
            [EditionComposer.FirstNamePlaceholder] = TemplateLibrary.HtmlEscape(greeting),
            [EditionComposer.UnsubscribePlaceholder] = TemplateLibrary.HtmlEscape(unsubscribe),
            [EditionComposer.PreferencesPlaceholder] = TemplateLibrary.HtmlEscape(preferences),
        };
        var text = new Dictionary<string, string>
        {
            [TextToken(EditionComposer.FirstNamePlaceholder)] = greeting,
            [TextToken(EditionComposer.UnsubscribePlaceholder)] = unsubscribe,
            [TextToken(EditionComposer.PreferencesPlaceholder)] = preferences,
        };
        for (var index = 0; index < tipIds.Count; index++)
        {
            var link = feedback.For(subscriber.Id, editionId, tipIds[index]);
            html[EditionComposer.FeedbackPlaceholder(index)] = TemplateLibrary.HtmlEscape(link);
            text[TextToken(EditionComposer.FeedbackPlaceholder(index))] = link;
        }

        return new BulkRecipient(
            email,
            html,
            text,
            SubscriptionEmails.ListUnsubscribeHeaders(unsubscribe),
            new Dictionary<string, string> { ["edition_id"] = editionId, ["subscriber_id"] = subscriber.Id });
    }

    /// <summary>The text part gets its own tokens: its values are not HTML-escaped, and SendGrid fills both parts from one list.</summary>
    public static string TextTokens(string text, int tips) =>
        Placeholders.Concat(Enumerable.Range(0, tips).Select(EditionComposer.FeedbackPlaceholder))
            .Aggregate(text, (current, token) => current.Replace(token, TextToken(token), StringComparison.Ordinal));

    private static string TextToken(string token) => $"{token}-text";
}
