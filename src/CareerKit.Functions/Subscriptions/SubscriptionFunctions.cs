using CareerKit.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace CareerKit.Subscriptions;

/// <summary>
/// The sign-up page and the subscription endpoints as functions: each reads the link's token from the query and calls
/// its handler in <see cref="SubscriptionsApi"/>. Links from emails are GETs that only show; the page's button POSTs.
/// </summary>
public sealed class SubscriptionFunctions(
    SignupHandler handler, SubscriptionPages pages, SelfService service, SubscriptionEmails emails, DataLinks links, Newsletter.FeedbackStore feedback, TimeProvider time)
{
    /// <summary>The root: the Functions host cannot take an empty route, so "/" is an optional parameter that must stay empty.</summary>
    [Function("SignupPage")]
    public IResult SignupPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "{ignored:maxlength(0)?}")] HttpRequest req) =>
        SubscriptionsApi.ShowSignup(pages);

    [Function("Subscribe")]
    [RateLimited(SubscriptionsApi.SignupRateLimitPolicy)]
    public Task<IResult> SubscribeAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/subscriptions")] HttpRequest req, CancellationToken cancellationToken) =>
        SubscriptionsApi.Subscribe(req, handler, pages, cancellationToken);

    [Function("ConfirmSubscription")]
    public Task<IResult> ConfirmAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = "api/subscriptions/confirm")] HttpRequest req, CancellationToken cancellationToken) =>
        HttpMethods.IsPost(req.Method)
            ? SubscriptionsApi.Confirm(Token(req), service, pages, emails, cancellationToken)
            : SubscriptionsApi.ShowConfirm(Token(req), service, pages, emails, cancellationToken);

    [Function("Unsubscribe")]
    public Task<IResult> UnsubscribeAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = "api/subscriptions/unsubscribe")] HttpRequest req, CancellationToken cancellationToken) =>
        HttpMethods.IsPost(req.Method)
            ? SubscriptionsApi.Unsubscribe(req, Token(req), service, pages, cancellationToken)
            : SubscriptionsApi.ShowUnsubscribe(Token(req), service, pages, cancellationToken);

    [Function("Preferences")]
    public Task<IResult> PreferencesAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = "api/subscriptions/preferences")] HttpRequest req, CancellationToken cancellationToken) =>
        HttpMethods.IsPost(req.Method)
            ? SubscriptionsApi.SavePreferences(req, Token(req), service, pages, cancellationToken)
            : SubscriptionsApi.ShowPreferences(Token(req), service, pages, cancellationToken);

    [Function("DataLinks")]
    public Task<IResult> DataLinksAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/subscriptions/data-links")] HttpRequest req, CancellationToken cancellationToken) =>
        SubscriptionsApi.SendDataLinks(req, Token(req), service, links, pages, cancellationToken);

    [Function("ExportData")]
    public Task<IResult> ExportDataAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/subscriptions/export")] HttpRequest req, CancellationToken cancellationToken) =>
        SubscriptionsApi.Export(req, Token(req), service, feedback, pages, time, cancellationToken);

    [Function("EraseData")]
    public Task<IResult> EraseDataAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = "api/subscriptions/erase")] HttpRequest req, CancellationToken cancellationToken) =>
        HttpMethods.IsPost(req.Method)
            ? SubscriptionsApi.Erase(req, Token(req), service, pages, cancellationToken)
            : SubscriptionsApi.ShowErase(Token(req), service, pages, cancellationToken);

    private static string? Token(HttpRequest req) => QueryValues.String(req, "token");
}
