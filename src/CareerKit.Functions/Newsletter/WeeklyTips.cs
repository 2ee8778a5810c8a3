using CareerKit.Hosting;
using CareerKit.Subscriptions;
using Microsoft.Extensions.Options;

namespace CareerKit.Newsletter;

/// <summary>What one run of the weekly timer did, per track.</summary>
public sealed record WeeklyTipsResult(IReadOnlyList<string> Composed, IReadOnlyList<string> Queued, IReadOnlyList<string> AlreadyDone, int Batches, int Recipients);

/// <summary>
/// The weekly timer: composes this ISO week's edition for each track and queues its send batches.
/// Idempotent per track and week: a second run, a past-due run or a second instance finds the edition's
/// row and queues nothing again; a run that died before queueing is completed by the next run.
/// </summary>
public sealed partial class WeeklyTips(
    EditionStore editions,
    EditionComposer composer,
    SubscriberStore subscribers,
    SendQueue queue,
    IOptions<CareerKitOptions> options,
    ILogger<WeeklyTips> logger)
{
    public static readonly IReadOnlyList<Track> Tracks = [Track.Ml, Track.Ai, Track.Both];

    public async Task<WeeklyTipsResult> RunAsync(DateTimeOffset now, IReadOnlyList<Tip> library, CancellationToken cancellationToken)
    {
        var (composed, queued, done) = (new List<string>(), new List<string>(), new List<string>());
        var (batches, recipients) = (0, 0);
        foreach (var track in Tracks)
        {
            var code = track.Code();
            var isoWeek = Edition.IsoWeekOf(now);
            var record = await editions.FindAsync(code, isoWeek, cancellationToken);
            if (record is null)
            {
                var round = TipRotation.CurrentRound(library, code, await editions.TipHistoryAsync(code, cancellationToken));
                var tips = TipRotation.Choose(library, code, round).Chosen;
                var edition = composer.Compose(code, now, tips, options.Value.LinkTo("/archive"));
                record = await editions.TryCreateAsync(edition, cancellationToken) ?? await editions.FindAsync(code, isoWeek, cancellationToken);
                composed.Add(edition.Id);
            }

            if (record!.Status == EditionStatus.Queued)
            {
                done.Add(record.Id);
                continue;
            }

            var (trackBatches, trackRecipients) = await FanOutAsync(record, track, cancellationToken);
            await editions.MarkQueuedAsync(record, trackBatches, trackRecipients, cancellationToken);
            LogQueued(logger, record.Id, trackBatches, trackRecipients);
            queued.Add(record.Id);
            batches += trackBatches;
            recipients += trackRecipients;
        }

        return new WeeklyTipsResult(composed, queued, done, batches, recipients);
    }

    /// <summary>Subscribers on "both" are a track of their own: one email with tips from both, never two.</summary>
    private async Task<(int Batches, int Recipients)> FanOutAsync(EditionRecord record, Track track, CancellationToken cancellationToken)
    {
        var (batch, recipients) = (0, 0);
        var ids = new List<string>(SendQueue.MaxBatchSize);
        await foreach (var id in subscribers.ConfirmedIdsAsync(track, cancellationToken))
        {
            ids.Add(id);
            if (ids.Count == SendQueue.MaxBatchSize)
            {
                await queue.EnqueueAsync(new SendBatchMessage(record.Id, record.Track, record.IsoWeek, batch++, [.. ids]), cancellationToken);
                recipients += ids.Count;
                ids.Clear();
            }
        }

        if (ids.Count > 0)
        {
            await queue.EnqueueAsync(new SendBatchMessage(record.Id, record.Track, record.IsoWeek, batch++, [.. ids]), cancellationToken);
            recipients += ids.Count;
        }

        return (batch, recipients);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Edition {EditionId}: {Batches} send batches queued for {Recipients} recipients")]
    private static partial void LogQueued(ILogger logger, string editionId, int batches, int recipients);
}
