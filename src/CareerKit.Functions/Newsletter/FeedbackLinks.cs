using CareerKit.Hosting;
using CareerKit.Subscriptions;
using Microsoft.Extensions.Options;

namespace CareerKit.Newsletter;

/// <summary>
/// The signed link under each tip of an edition: /api/feedback?edition=…&amp;tip=…&amp;token=…, the token bound to the
/// subscriber, the edition and the tip (a keyed hash of both, so changing either in the address breaks it). The answer
/// ("&amp;answer=useful") is not signed: the link only opens a page, and the page's buttons say which answer is sent.
/// </summary>
public sealed class FeedbackLinks(SubscriptionTokens tokens, IOptions<CareerKitOptions> options)
{
    public const string Path = "api/feedback";

    // Built once: a batch makes one link per tip per recipient.
    private readonly string _base = options.Value.LinkTo(Path) + "?edition=";

    public string For(string subscriberId, string editionId, string tipId) =>
        $"{_base}{Uri.EscapeDataString(editionId)}&tip={Uri.EscapeDataString(tipId)}&token={Uri.EscapeDataString(tokens.Issue(subscriberId, TokenPurpose.Feedback, Binding(editionId, tipId)))}";

    /// <summary>A genuine, unexpired feedback token issued for exactly this edition and tip; otherwise Invalid or Expired.</summary>
    public TokenCheck Check(string? token, string? editionId, string? tipId)
    {
        var check = tokens.Check(token, TokenPurpose.Feedback);
        return check.Status == TokenStatus.Invalid || string.IsNullOrEmpty(editionId) || string.IsNullOrEmpty(tipId) || !tokens.IsBoundTo(check, Binding(editionId, tipId))
            ? new TokenCheck(TokenStatus.Invalid)
            : check;
    }

    private static string Binding(string editionId, string tipId) => $"{editionId}|{tipId}";
}
