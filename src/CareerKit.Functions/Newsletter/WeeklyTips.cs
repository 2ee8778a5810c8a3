using CareerKit.Hosting;
using CareerKit.Subscriptions;
using Microsoft.Extensions.Options;

namespace CareerKit.Newsletter;

/// <summary>What one run of the weekly timer did, per track.</summary>
public sealed record WeeklyTipsResult(IReadOnlyList<string> Composed, IReadOnlyList<string> Queued, IReadOnlyList<string> AlreadyDone, int Batches, int Recipients)
{
    /// <summary>Editions the send gate stopped: not stored, not sent; the track gets nothing this week unless an editor sends one.</summary>
    public IReadOnlyList<string> Blocked { get; init; } = [];
}

/// <summary>
/// The weekly timer: composes this ISO week's edition for each track and queues its send batches.
/// Idempotent per track and week: a second run, a past-due run or a second instance finds the edition's
/// row and queues nothing again; a run that died before queueing is completed by the next run. An edition that fails
/// the send gate is not stored and not sent: the week stays free for an editor's edition.
/// </summary>
public sealed partial class WeeklyTips(
    EditionStore editions,
    EditionComposer composer,
    EditionGate gate,
    SubscriberStore subscribers,
    SendQueue queue,
    IOptions<CareerKitOptions> options,
    ILogger<WeeklyTips> logger)
{
    public async Task<WeeklyTipsResult> RunAsync(DateTimeOffset now, IReadOnlyList<Tip> library, CancellationToken cancellationToken)
    {
        var (composed, done, blocked) = (new List<string>(), new List<string>(), new List<string>());
        var toQueue = new List<EditionRecord>();
        foreach (var track in Tracks.All)
        {
            var isoWeek = Edition.IsoWeekOf(now);
            var record = await editions.FindAsync(track, isoWeek, cancellationToken);
            if (record is null)
            {
                var round = TipRotation.CurrentRound(library, track, await editions.TipHistoryAsync(track, cancellationToken));
                var tips = TipRotation.Choose(library, track, round).Chosen;
                var edition = composer.Compose(track, now, tips, options.Value.LinkTo("/archive"));
                if (gate.Check(edition) is { Passes: false } report)
                {
                    LogBlocked(logger, edition.Id, report.Describe());
                    blocked.Add(edition.Id);
                    continue;
                }

                record = await editions.TryCreateAsync(edition, cancellationToken) ?? await editions.FindAsync(track, isoWeek, cancellationToken);
                composed.Add(edition.Id);
            }

            if (record!.Status is EditionStatus.Queued or EditionStatus.Scheduled)
            {
                done.Add(record.Id); // Sent already, or an editor's edition takes this week.
            }
            else
            {
                toQueue.Add(record);
            }
        }

        var fannedOut = await QueueAsync(toQueue, cancellationToken);

        return new WeeklyTipsResult(composed, [.. fannedOut.Select(item => item.Record.Id)], done, fannedOut.Sum(item => item.Batches), fannedOut.Sum(item => item.Recipients)) { Blocked = blocked };
    }

    /// <summary>Queues the send batches of composed editions and marks them queued: the weekly timer's and the dispatcher's one path.</summary>
    public async Task<List<(EditionRecord Record, int Batches, int Recipients)>> QueueAsync(IReadOnlyList<EditionRecord> records, CancellationToken cancellationToken)
    {
        var fannedOut = await FanOutAsync(records, cancellationToken);
        foreach (var (record, batches, recipients) in fannedOut)
        {
            await editions.MarkQueuedAsync(record, batches, recipients, cancellationToken);
            LogQueued(logger, record.Id, batches, recipients);
        }

        return fannedOut;
    }

    /// <summary>
    /// One scan of the confirmed subscribers feeds every edition that still needs its batches. Subscribers on
    /// "both" are a track of their own: one email with tips from both, never two.
    /// </summary>
    private async Task<List<(EditionRecord Record, int Batches, int Recipients)>> FanOutAsync(IReadOnlyList<EditionRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return [];
        }

        var batchers = records.ToDictionary(record => record.Track, record => new Batcher(record, queue));
        await foreach (var (id, track) in subscribers.ConfirmedIdsAsync(cancellationToken))
        {
            if (batchers.TryGetValue(track, out var batcher))
            {
                await batcher.AddAsync(id, cancellationToken);
            }
        }

        var result = new List<(EditionRecord, int, int)>();
        foreach (var batcher in batchers.Values)
        {
            await batcher.FlushAsync(cancellationToken);
            result.Add((batcher.Record, batcher.Batches, batcher.Recipients));
        }

        return result;
    }

    /// <summary>Collects one edition's recipients into queued batches of at most 1,000.</summary>
    private sealed class Batcher(EditionRecord record, SendQueue queue)
    {
        private readonly List<string> _ids = new(SendQueue.MaxBatchSize);

        public EditionRecord Record => record;
        public int Batches { get; private set; }
        public int Recipients { get; private set; }

        public async Task AddAsync(string id, CancellationToken cancellationToken)
        {
            _ids.Add(id);
            if (_ids.Count == SendQueue.MaxBatchSize)
            {
                await FlushAsync(cancellationToken);
            }
        }

        public async Task FlushAsync(CancellationToken cancellationToken)
        {
            if (_ids.Count == 0)
            {
                return;
            }

            await queue.EnqueueAsync(new SendBatchMessage(record.Id, record.Track, record.IsoWeek, Batches++, [.. _ids]), cancellationToken);
            Recipients += _ids.Count;
            _ids.Clear();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Edition {EditionId} failed the send gate and was not sent: {Reasons} An editor can fix the tips and send an edition for this track now.")]
    private static partial void LogBlocked(ILogger logger, string editionId, string reasons);

    [LoggerMessage(Level = LogLevel.Information, Message = "Edition {EditionId}: {Batches} send batches queued for {Recipients} recipients")]
    private static partial void LogQueued(ILogger logger, string editionId, int batches, int recipients);
}
