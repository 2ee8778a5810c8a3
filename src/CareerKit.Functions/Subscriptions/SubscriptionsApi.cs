using System.Text.Json;
using CareerKit.Hosting;
using CareerKit.Pages;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CareerKit.Subscriptions;

/// <summary>
/// The sign-up page and the subscription endpoints' handlers, called by <see cref="SubscriptionFunctions"/>. The use cases
/// hold the logic; these only translate HTTP.
/// </summary>
public static class SubscriptionsApi
{
    public const string SignupRateLimitPolicy = "signups";

    public static IResult ShowSignup(SubscriptionPages pages) => pages.Signup(SignupForm.Empty);

    public static async Task<IResult> Subscribe(HttpRequest request, SignupHandler handler, SubscriptionPages pages, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.HasFormContentType)
        {
            var input = SignupInput.FromForm(await FormBody.ReadAsync(request, cancellationToken));
            if (input.IsBot)
            {
                return pages.CheckInbox(); // Same answer as a real sign-up, and nothing stored.
            }

            if (SignupRequest.Validate(input, errors) is not { } valid)
            {
                return pages.Signup(new SignupForm(input, errors), StatusCodes.Status400BadRequest);
            }

            await handler.HandleAsync(valid, cancellationToken);
            return pages.CheckInbox();
        }

        if (!request.HasJsonContentType())
        {
            return UnsupportedContentType();
        }

        var (root, unreadable) = await JsonBody.ReadAsync(request, cancellationToken);
        if (root is null)
        {
            return unreadable!;
        }

        var fromJson = SignupInput.FromJson(root.Value, errors);
        if (SignupRequest.Validate(fromJson, errors) is not { } validJson)
        {
            return TypedResults.ValidationProblem(errors, title: "The sign-up is not valid.");
        }

        await handler.HandleAsync(validJson, cancellationToken);
        return TypedResults.Accepted((string?)null, SignupAccepted.Instance);
    }

    /// <summary>
    /// Never acts: mail scanners follow links, so the confirmation link shows a page whose button POSTs. Links sent
    /// before this page existed are the same links, so they work this way too.
    /// </summary>
    public static async Task<IResult> ShowConfirm(string? token, SelfService service, SubscriptionPages pages, SubscriptionEmails emails, CancellationToken cancellationToken)
    {
        var result = await service.FindAsync(token, TokenPurpose.Confirm, cancellationToken);
        return result.Status switch
        {
            LinkStatus.Done when result.Subscriber!.Status == SubscriberStatus.Pending => pages.Confirm(result.Subscriber),
            LinkStatus.Done when result.Subscriber!.Status == SubscriberStatus.Confirmed =>
                pages.Confirmed(result.Subscriber, emails.Link("api/subscriptions/preferences", result.Subscriber.Id, TokenPurpose.Preferences)),
            // Unsubscribed or suppressed since: an old confirmation link cannot undo that, so there is nothing to press.
            LinkStatus.Done => pages.LinkProblem(LinkStatus.Gone, "confirmation"),
            _ => pages.LinkProblem(result.Status, "confirmation"),
        };
    }

    /// <summary>The button on the confirmation page: the only request that confirms, and sends the welcome email.</summary>
    public static async Task<IResult> Confirm(string? token, SelfService service, SubscriptionPages pages, SubscriptionEmails emails, CancellationToken cancellationToken)
    {
        var result = await service.ConfirmAsync(token, cancellationToken);
        return result.Status == LinkStatus.Done
            ? pages.Confirmed(result.Subscriber!, emails.Link("api/subscriptions/preferences", result.Subscriber!.Id, TokenPurpose.Preferences))
            : pages.LinkProblem(result.Status, "confirmation");
    }

    /// <summary>Never acts: mail scanners follow links. A person presses the button, which POSTs.</summary>
    public static async Task<IResult> ShowUnsubscribe(string? token, SelfService service, SubscriptionPages pages, CancellationToken cancellationToken)
    {
        var result = await service.FindAsync(token, TokenPurpose.Unsubscribe, cancellationToken);
        return result.Status switch
        {
            LinkStatus.Done when result.Subscriber!.Status is SubscriberStatus.Unsubscribed or SubscriberStatus.Suppressed => pages.Unsubscribed(result.Subscriber, token!),
            LinkStatus.Done => pages.Unsubscribe(result.Subscriber!),
            LinkStatus.Gone => pages.Unsubscribed(null, token!),
            _ => pages.LinkProblem(result.Status, "unsubscribe"),
        };
    }

    /// <summary>RFC 8058 one-click: the body is List-Unsubscribe=One-Click; no cookie, no login.</summary>
    public static async Task<IResult> Unsubscribe(HttpRequest request, string? token, SelfService service, SubscriptionPages pages, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType
            || (await FormBody.ReadAsync(request, cancellationToken))["List-Unsubscribe"] != "One-Click")
        {
            return pages.Problem(StatusCodes.Status400BadRequest, "This unsubscribe request is incomplete.",
                "Unsubscribe by pressing the button on the unsubscribe page. (Mail programs send the form field List-Unsubscribe=One-Click.)");
        }

        var result = await service.UnsubscribeAsync(token, cancellationToken);
        return result.Status is LinkStatus.Done or LinkStatus.Gone
            ? pages.Unsubscribed(result.Subscriber, token!)
            : pages.LinkProblem(result.Status, "unsubscribe");
    }

    public static async Task<IResult> ShowPreferences(string? token, SelfService service, SubscriptionPages pages, CancellationToken cancellationToken)
    {
        var result = await service.FindAsync(token, TokenPurpose.Preferences, cancellationToken);
        return result.Status == LinkStatus.Done && result.Subscriber!.Status is SubscriberStatus.Pending or SubscriberStatus.Confirmed
            ? pages.Preferences(result.Subscriber, PreferencesForm.From(result.Subscriber))
            : pages.LinkProblem(result.Status == LinkStatus.Done ? LinkStatus.Gone : result.Status, "preferences");
    }

    public static async Task<IResult> SavePreferences(HttpRequest request, string? token, SelfService service, SubscriptionPages pages, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var asForm = request.HasFormContentType;
        PreferencesForm form;
        if (asForm)
        {
            form = PreferencesForm.FromForm(await FormBody.ReadAsync(request, cancellationToken));
        }
        else if (!request.HasJsonContentType())
        {
            return UnsupportedContentType();
        }
        else
        {
            var (root, unreadable) = await JsonBody.ReadAsync(request, cancellationToken);
            if (root is null)
            {
                return unreadable!;
            }

            form = PreferencesForm.FromJson(root.Value, errors);
        }

        var current = await service.FindAsync(token, TokenPurpose.Preferences, cancellationToken);
        if (current.Status != LinkStatus.Done)
        {
            return asForm ? pages.LinkProblem(current.Status, "preferences") : LinkProblemDetails(current.Status);
        }

        if (!form.TryValidate(errors, out var track, out var firstName))
        {
            return asForm
                ? pages.Preferences(current.Subscriber!, form with { Errors = errors }, StatusCodes.Status400BadRequest)
                : TypedResults.ValidationProblem(errors, title: "The preferences are not valid.");
        }

        var saved = await service.UpdatePreferencesAsync(token, track, firstName, cancellationToken);
        if (saved.Status != LinkStatus.Done)
        {
            return asForm ? pages.LinkProblem(saved.Status, "preferences") : LinkProblemDetails(saved.Status);
        }

        return asForm
            ? pages.Preferences(saved.Subscriber!, PreferencesForm.From(saved.Subscriber!) with { Saved = true })
            : TypedResults.Ok(new { track = saved.Subscriber!.Track.Code(), firstName = saved.Subscriber.FirstName });
    }

    /// <summary>Asked for from the preferences or unsubscribe page: the export and erase links go by email to the address, never to the asker.</summary>
    public static async Task<IResult> SendDataLinks(HttpRequest request, string? token, SelfService service, DataLinks links, SubscriptionPages pages, CancellationToken cancellationToken)
    {
        var found = await service.FindForDataLinksAsync(token, cancellationToken);
        var outcome = found.Status == LinkStatus.Done ? await links.SendAsync(found.Subscriber!.Id, cancellationToken) : DataLinksOutcome.Gone;
        if (outcome == DataLinksOutcome.Gone)
        {
            var status = found.Status == LinkStatus.Done ? LinkStatus.Gone : found.Status;
            return ClientKind.WantsHtml(request) ? pages.LinkProblem(status, "preferences") : LinkProblemDetails(status);
        }

        if (outcome == DataLinksOutcome.Undeliverable)
        {
            return ClientKind.WantsHtml(request)
                ? pages.DataLinksUndeliverable()
                : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "We can't email this address.", detail: SubscriptionPages.DataLinksUndeliverableDetail);
        }

        var recently = outcome == DataLinksOutcome.Throttled;
        return ClientKind.WantsHtml(request)
            ? pages.DataLinksSent(recently)
            : TypedResults.Accepted((string?)null, new
            {
                status = recently ? "sent-recently" : "sent",
                message = recently
                    ? "The links were emailed to the subscribed address a few minutes ago; ask again after 15 minutes."
                    : "Links to download and to erase the data are on their way to the subscribed address; they work for 24 hours.",
            });
    }

    public static async Task<IResult> Export(HttpRequest request, string? token, SelfService service, Newsletter.FeedbackStore feedback, SubscriptionPages pages, TimeProvider time, CancellationToken cancellationToken)
    {
        var result = await service.FindAsync(token, TokenPurpose.Export, cancellationToken);
        if (result.Status != LinkStatus.Done)
        {
            return ClientKind.WantsHtml(request) ? pages.LinkProblem(result.Status, "data export") : LinkProblemDetails(result.Status);
        }

        var answers = await feedback.OfSubscriberAsync(result.Subscriber!.Id, cancellationToken);
        return TypedResults.Json(SubscriberExport.From(result.Subscriber, time.GetUtcNow(), answers), SubscriberExport.JsonOptions);
    }

    public static async Task<IResult> ShowErase(string? token, SelfService service, SubscriptionPages pages, CancellationToken cancellationToken)
    {
        var result = await service.FindAsync(token, TokenPurpose.Erase, cancellationToken);
        return result.Status switch
        {
            LinkStatus.Done => pages.Erase(),
            LinkStatus.Gone => pages.Erased(),
            _ => pages.LinkProblem(result.Status, "erase"),
        };
    }

    public static async Task<IResult> Erase(HttpRequest request, string? token, SelfService service, SubscriptionPages pages, CancellationToken cancellationToken)
    {
        var result = await service.EraseAsync(token, cancellationToken);
        if (result.Status is LinkStatus.Done or LinkStatus.Gone)
        {
            return ClientKind.WantsHtml(request) || !request.HasJsonContentType()
                ? pages.Erased()
                : TypedResults.Ok(new { status = "erased" });
        }

        return ClientKind.WantsHtml(request) ? pages.LinkProblem(result.Status, "erase") : LinkProblemDetails(result.Status);
    }

    private static ProblemHttpResult UnsupportedContentType() => TypedResults.Problem(
        statusCode: StatusCodes.Status415UnsupportedMediaType,
        title: "Unsupported content type.",
        detail: "Send JSON (Content-Type: application/json) or a form (application/x-www-form-urlencoded).");

    private static ProblemHttpResult LinkProblemDetails(LinkStatus status) => status switch
    {
        LinkStatus.Expired => TypedResults.Problem(statusCode: 400, title: "The link has expired.", detail: "Ask for a new link from your latest CareerKit email, or sign up again."),
        LinkStatus.Gone => TypedResults.Problem(statusCode: 410, title: "There is no subscription for this link any more.", detail: "It was erased or ended. Sign up again to receive emails."),
        _ => TypedResults.Problem(statusCode: 400, title: "The link is not valid.", detail: "The token is missing, altered or meant for another action. Use the link exactly as it appears in your email."),
    };

    /// <summary>The answer to every accepted sign-up, whatever the address's state: no account enumeration.</summary>
    public sealed record SignupAccepted(string Status, string Message)
    {
        public static readonly SignupAccepted Instance = new("accepted", "Thanks! If this address can receive email, a confirmation link is on its way. Open it to start your weekly tips.");
    }
}
