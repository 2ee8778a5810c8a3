using CareerKit.Pages;

namespace CareerKit.Subscriptions;

/// <summary>The pages of the subscription flow, with the models their templates expect.</summary>
public sealed class SubscriptionPages(PageRenderer pages, SubscriptionEmails emails)
{
    private static readonly object[] TrackChoices =
    [
        new { Code = Track.Ml.Code(), Label = "ML engineer", Hint = "Models, data, statistics and MLOps." },
        new { Code = Track.Ai.Code(), Label = "AI engineer", Hint = "Building products on foundation models: LLM APIs, RAG, agents." },
        new { Code = Track.Both.Code(), Label = "Both", Hint = "Tips from both tracks in one weekly email." },
    ];

    public IResult Signup(SignupForm form, int status = StatusCodes.Status200OK) =>
        pages.Page("signup", "Weekly career tips for ML and AI engineers", new
        {
            form.Values.Email,
            form.Values.FirstName,
            Track = form.Values.Track?.Trim().ToLowerInvariant(),
            form.Values.Consent,
            Errors = Flatten(form.Errors),
            HasErrors = form.Errors.Count > 0,
            Tracks = TrackChoices,
        }, status);

    public IResult CheckInbox() => pages.Page("check-inbox", "Check your inbox", new { });

    /// <summary>What the confirmation link opens: one button that POSTs, so a mail scanner following the link confirms nothing.</summary>
    public IResult Confirm(Subscriber subscriber) =>
        pages.Page("confirm", "Confirm your subscription", new { subscriber.FirstName, Track = subscriber.Track.DisplayName() });

    public IResult Confirmed(Subscriber subscriber, string preferencesUrl) =>
        pages.Page("confirmed", "You're subscribed", new { subscriber.FirstName, Track = subscriber.Track.DisplayName(), PreferencesUrl = preferencesUrl });

    public IResult Unsubscribe(Subscriber subscriber) =>
        pages.Page("unsubscribe", "Unsubscribe", new { Track = subscriber.Track.DisplayName() });

    /// <param name="subscriber">Who left, or null when nothing is stored any more.</param>
    /// <param name="token">The checked unsubscribe token this page was reached with.</param>
    public IResult Unsubscribed(Subscriber? subscriber, string token) => pages.Page("unsubscribed", "You're unsubscribed", new
    {
        // Erasure is a right kept after leaving. As on the preferences page, the links go by email, never onto this page
        // (its link may have been forwarded). The same token asks for them, so the button expires with the link that
        // opened the page. Not for an erased address (nothing to send) or a suppressed one (the mail would not arrive).
        DataLinksUrl = subscriber?.Status == SubscriberStatus.Unsubscribed ? emails.LinkWith("api/subscriptions/data-links", token) : null,
        ExpiresInHours = (int)SubscriptionTokens.LifetimeOf(TokenPurpose.Export).TotalHours,
    });

    public IResult Preferences(Subscriber subscriber, PreferencesForm form, int status = StatusCodes.Status200OK) =>
        pages.Page("preferences", "Your CareerKit preferences", new
        {
            Track = form.Track?.Trim().ToLowerInvariant(),
            form.FirstName,
            form.Saved,
            Errors = Flatten(form.Errors),
            HasErrors = form.Errors.Count > 0,
            Pending = subscriber.Status == SubscriberStatus.Pending,
            Tracks = TrackChoices,
            // Not the export and erase links themselves: this page's link may have been forwarded, so they go by email.
            DataLinksUrl = emails.Link("api/subscriptions/data-links", subscriber.Id, TokenPurpose.Preferences),
            UnsubscribeUrl = emails.Link("api/subscriptions/unsubscribe", subscriber.Id, TokenPurpose.Unsubscribe),
        }, status);

    public IResult DataLinksSent(bool recently) => pages.Page("data-links-sent", "Check your inbox", new
    {
        Recently = recently,
        ExpiresInHours = (int)SubscriptionTokens.LifetimeOf(TokenPurpose.Export).TotalHours,
        ThrottleMinutes = (int)DataLinks.EmailThrottle.TotalMinutes,
    });

    public IResult DataLinksUndeliverable() => pages.Page("link-problem", "We can't email this address", new
    {
        Heading = "We can't email this address",
        Detail = DataLinksUndeliverableDetail,
    }, StatusCodes.Status409Conflict);

    public const string DataLinksUndeliverableDetail =
        "Mail to this address bounced or was reported as spam, so we send nothing to it any more and the links would not reach you. If the address works again, sign up again: once you confirm, your preferences page can email you the links.";

    public IResult Erase() => pages.Page("erase", "Erase your data", new { });

    public IResult Erased() => pages.Page("erased", "Your data is erased", new { });

    public IResult Problem(int status, string title, string detail) => pages.Error(status, title, detail);

    /// <summary>A link that cannot be used, said plainly, with the way forward: sign up again.</summary>
    public IResult LinkProblem(LinkStatus status, string action) => status switch
    {
        LinkStatus.Expired => pages.Page("link-problem", "This link has expired", new
        {
            Heading = "This link has expired",
            Detail = $"For your safety, {action} links only work for a limited time.",
        }, StatusCodes.Status400BadRequest),
        LinkStatus.Superseded => pages.Page("link-problem", "This link is out of date", new
        {
            Heading = "This confirmation link is out of date",
            Detail = "This address was signed up again with other choices after this email was sent, so this link confirms nothing. Use the link in the newer confirmation email, or sign up again.",
        }, StatusCodes.Status409Conflict),
        LinkStatus.Gone => pages.Page("link-problem", "Nothing to do here any more", new
        {
            Heading = "There is no subscription for this link any more",
            Detail = "The subscription was ended or its data erased, so this link has nothing left to act on.",
        }, StatusCodes.Status410Gone),
        _ => pages.Page("link-problem", "This link doesn't work", new
        {
            Heading = "This link doesn't work",
            Detail = $"The {action} link is incomplete or has been changed. Copy the whole link from your email, or start again.",
        }, StatusCodes.Status400BadRequest),
    };

    /// <summary>Templates show one message per field.</summary>
    private static Dictionary<string, string> Flatten(IReadOnlyDictionary<string, string[]> errors) =>
        errors.ToDictionary(pair => pair.Key, pair => pair.Value.FirstOrDefault() ?? "", StringComparer.Ordinal);
}
