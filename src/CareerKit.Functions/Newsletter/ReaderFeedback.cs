using CareerKit.Subscriptions;

namespace CareerKit.Newsletter;

/// <summary>What a feedback link opens: the tip it is about and the answer given so far, or why it cannot be used.</summary>
public sealed record FeedbackLink(LinkStatus Status, string SubscriberId = "", string EditionId = "", Tip? Tip = null, FeedbackAnswer? Current = null);

/// <summary>
/// "Useful" / "Not for me" from the links under each tip: no login, the signed link is the credential. Opening a link
/// records nothing (mail scanners open every link); only the page's button does, and pressing the other one later
/// replaces the answer.
/// </summary>
public sealed partial class ReaderFeedback(
    FeedbackLinks links, SubscriberStore subscribers, EditionStore editions, CuratedTips tips, FeedbackStore store, TimeProvider time, ILogger<ReaderFeedback> logger)
{
    public async Task<FeedbackLink> OpenAsync(string? editionId, string? tipId, string? token, CancellationToken cancellationToken)
    {
        var check = links.Check(token, editionId, tipId);
        if (!check.IsValid)
        {
            return new(check.Status == TokenStatus.Expired ? LinkStatus.Expired : LinkStatus.Invalid);
        }

        // A genuine link whose subscriber erased their data, or whose edition or tip is no longer there: nothing to answer.
        var subscriber = await subscribers.FindAsync(check.SubscriberId, cancellationToken);
        var edition = Edition.TryParseId(editionId, out var isoWeek, out var track) ? await editions.FindAsync(track, isoWeek, cancellationToken) : null;
        var tip = (await tips.CurrentAsync(cancellationToken)).Find(tipId!)?.Tip;
        if (subscriber is null || subscriber.Status == SubscriberStatus.Erased || edition is null || !edition.TipIds.Contains(tipId!) || tip is null)
        {
            return new(LinkStatus.Gone);
        }

        return new(LinkStatus.Done, subscriber.Id, edition.Id, tip, await store.FindAsync(subscriber.Id, edition.Id, tip.Id, cancellationToken));
    }

    /// <summary>Records the answer of an opened link: a first answer, a change, or (the same again) nothing.</summary>
    public async Task<FeedbackOutcome> AnswerAsync(FeedbackLink link, FeedbackAnswer answer, CancellationToken cancellationToken)
    {
        var outcome = await store.RecordAsync(link.SubscriberId, link.EditionId, link.Tip!.Id, answer, time.GetUtcNow(), cancellationToken);
        LogAnswered(logger, link.EditionId, link.Tip.Id, answer, outcome);
        return outcome;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Feedback on tip {TipId} of edition {EditionId}: {Answer} ({Outcome})")]
    private static partial void LogAnswered(ILogger logger, string editionId, string tipId, FeedbackAnswer answer, FeedbackOutcome outcome);
}
