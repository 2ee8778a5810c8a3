using CareerKit.Email;
using CareerKit.Hosting;
using CareerKit.Newsletter;
using CareerKit.Rendering;
using Microsoft.Extensions.Options;

namespace CareerKit.Subscriptions;

/// <summary>The emails of the sign-up flow, rendered from templates/email.</summary>
public sealed class SubscriptionEmails(TemplateLibrary templates, SubscriptionTokens tokens, IOptions<CareerKitOptions> options, IConfiguration configuration)
{
    public const string ConfirmationCategory = "confirmation";
    public const string AlreadySubscribedCategory = "already-subscribed";
    public const string DataLinksCategory = "data-links";
    public const string WelcomeCategory = "welcome";

    /// <summary>How many "start here" tips a welcome email carries at most, in their editors' order.</summary>
    public const int MaxStartHereTips = 5;

    public EmailMessage Confirmation(Subscriber subscriber)
    {
        var model = new
        {
            subscriber.FirstName,
            Track = subscriber.Track.DisplayName(),
            ConfirmUrl = Link("api/subscriptions/confirm", subscriber.Id, TokenPurpose.Confirm, subscriber.SignupChoices),
            ExpiresInDays = (int)SubscriptionTokens.LifetimeOf(TokenPurpose.Confirm).TotalDays,
            SignupUrl = options.Value.LinkTo("/"),
        };
        // Not subscribed yet, so no List-Unsubscribe: ignoring the email is how to say no.
        return Compose(subscriber, "Confirm your CareerKit subscription", "confirm", model, ConfirmationCategory);
    }

    /// <summary>For a sign-up of an address that is already confirmed: no enumeration on the page, a useful note in the inbox.</summary>
    public EmailMessage AlreadySubscribed(Subscriber subscriber)
    {
        var unsubscribeUrl = Link("api/subscriptions/unsubscribe", subscriber.Id, TokenPurpose.Unsubscribe);
        var model = new
        {
            subscriber.FirstName,
            Track = subscriber.Track.DisplayName(),
            PreferencesUrl = Link("api/subscriptions/preferences", subscriber.Id, TokenPurpose.Preferences),
            UnsubscribeUrl = unsubscribeUrl,
        };
        return Compose(subscriber, "You are already subscribed to CareerKit", "already-subscribed", model, AlreadySubscribedCategory) with
        {
            Headers = ListUnsubscribeHeaders(unsubscribeUrl),
        };
    }

    /// <summary>
    /// Right after confirmation: what comes and when, the track's "start here" tips (those marked <see cref="Tip.Start"/>),
    /// the archive and the preferences, with one-click unsubscribe headers like every edition.
    /// </summary>
    public EmailMessage Welcome(Subscriber subscriber, IEnumerable<Tip> library)
    {
        var unsubscribeUrl = Link("api/subscriptions/unsubscribe", subscriber.Id, TokenPurpose.Unsubscribe);
        var startHere = library.Where(tip => tip.Start is not null && tip.AppliesTo(subscriber.Track))
            .OrderBy(tip => tip.Start).ThenBy(tip => tip.Id, StringComparer.Ordinal).Take(MaxStartHereTips);
        var model = new
        {
            subscriber.FirstName,
            Track = subscriber.Track.DisplayName(),
            Schedule = WeeklySchedule.Describe(configuration[NewsletterTimers.WeeklyScheduleSetting]),
            Tips = startHere.Select(tip => new { tip.Title, Html = EditionComposer.SafeHtml(tip.Body), Text = EditionComposer.PlainText(tip.Body) }).ToList(),
            ArchiveUrl = options.Value.LinkTo("/archive"),
            PreferencesUrl = Link("api/subscriptions/preferences", subscriber.Id, TokenPurpose.Preferences),
            UnsubscribeUrl = unsubscribeUrl,
        };
        return Compose(subscriber, $"Welcome to CareerKit: your weekly {subscriber.Track.DisplayName()} tips", "welcome", model, WelcomeCategory) with
        {
            Headers = ListUnsubscribeHeaders(unsubscribeUrl),
        };
    }

    /// <summary>Fresh export and erase links, asked for from the preferences or unsubscribe page, for the address's own inbox only.</summary>
    public EmailMessage DataLinks(Subscriber subscriber)
    {
        var model = new
        {
            subscriber.FirstName,
            ExportUrl = Link("api/subscriptions/export", subscriber.Id, TokenPurpose.Export),
            EraseUrl = Link("api/subscriptions/erase", subscriber.Id, TokenPurpose.Erase),
            ExpiresInHours = (int)SubscriptionTokens.LifetimeOf(TokenPurpose.Export).TotalHours,
        };
        return Compose(subscriber, "Your CareerKit data: download or erase it", "data-links", model, DataLinksCategory);
    }

    /// <summary>RFC 2369 and RFC 8058 one-click unsubscribe headers.</summary>
    public static IReadOnlyDictionary<string, string> ListUnsubscribeHeaders(string unsubscribeUrl) => new Dictionary<string, string>
    {
        ["List-Unsubscribe"] = $"<{unsubscribeUrl}>",
        ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
    };

    public string Link(string path, string subscriberId, TokenPurpose purpose, string? binding = null) =>
        LinkWith(path, tokens.Issue(subscriberId, purpose, binding));

    /// <summary>A link carrying a token already issued (and checked), so it expires when that one does.</summary>
    public string LinkWith(string path, string token) => options.Value.LinkTo($"{path}?token={Uri.EscapeDataString(token)}");

    private EmailMessage Compose(Subscriber subscriber, string subject, string template, object model, string category)
    {
        var body = templates.RenderHtml($"email/{template}.html.liquid", model);
        var html = templates.RenderHtml("email/_layout.html.liquid", new { Subject = subject, Body = body });
        var text = templates.RenderText($"email/{template}.txt.liquid", model);
        return new EmailMessage(subscriber.Email!, subject, html, text)
        {
            Categories = [category],
            CustomArgs = new Dictionary<string, string> { ["subscriber_id"] = subscriber.Id },
        };
    }
}
