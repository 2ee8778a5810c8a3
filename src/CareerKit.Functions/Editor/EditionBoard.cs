using CareerKit.Newsletter;

namespace CareerKit.Editor;

/// <summary>What the editors' list shows: every editor's edition with where it stands, and every edition with its figures.</summary>
public sealed record EditionBoardView(IReadOnlyList<EditionDraft> Drafts, IReadOnlyList<EditionSummary> Editions);

/// <summary>
/// The editors' list, read from storage (three scans: drafts, editions, figures) at most every few seconds and shared
/// by the requests in between; a change made through <see cref="EditionDesk"/> on this instance is seen at once.
/// Changes from elsewhere (the timers, SendGrid's events, another instance) show within <see cref="FreshFor"/>.
/// </summary>
public sealed class EditionBoard(EditionDrafts drafts, EditionStore editions, EventRecorder events, SendLedger ledger)
{
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private Task<EditionBoardView>? _current;
    private long _loadedAt;

    public Task<EditionBoardView> ReadAsync()
    {
        lock (_gate)
        {
            if (_current is { IsFaulted: false, IsCanceled: false } current
                && (!current.IsCompleted || Environment.TickCount64 - _loadedAt < FreshFor.TotalMilliseconds))
            {
                return current; // Requests during a read wait for that read rather than starting their own.
            }

            _loadedAt = Environment.TickCount64;
            return _current = LoadAsync();
        }
    }

    /// <summary>After a change: the next read goes to storage.</summary>
    public void Forget()
    {
        lock (_gate)
        {
            _current = null;
        }
    }

    private async Task<EditionBoardView> LoadAsync()
    {
        // Shared by many requests, so no one request's cancellation may stop it.
        var draftList = drafts.ListAsync(CancellationToken.None);
        var counts = events.AllCountsAsync(CancellationToken.None);
        var held = ledger.UnknownRecipientsAsync(CancellationToken.None);
        var records = await editions.AllAsync(CancellationToken.None);
        var byWeek = records.ToDictionary(record => (record.Track, record.IsoWeek), record => record.Status);
        var withStatus = (await draftList).Select(draft =>
            draft is { Status: DraftStatus.Scheduled, SendAt: { } sendAt } && byWeek.TryGetValue((draft.Track, Edition.IsoWeekOf(sendAt)), out var status)
                ? draft with { Status = EditionDesk.SendingStatus(status) }
                : draft).ToList();
        var allCounts = await counts;
        var unknown = await held;
        var summaries = records.Select(record =>
        {
            var figures = allCounts.GetValueOrDefault(record.Id) ?? [];
            int Count(params string[] types) => types.Sum(type => figures.GetValueOrDefault(type));
            return new EditionSummary(
                record.Id, record.Track, record.IsoWeek, record.Subject, record.Status switch { EditionStatus.Queued => "sent", EditionStatus.Scheduled => "scheduled", _ => "sending" }, record.Recipients,
                Count("delivered"), Count("bounce", "dropped"), Count("open"), Count("click"), Count("unsubscribe", "group_unsubscribe", "spamreport"), unknown.GetValueOrDefault(record.Id));
        }).ToList();
        return new EditionBoardView(withStatus, summaries);
    }
}
