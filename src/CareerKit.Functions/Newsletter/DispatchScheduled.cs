namespace CareerKit.Newsletter;

/// <summary>
/// The minute timer: starts editors' editions whose time has come, through the weekly send's own fan-out and
/// SendBatch path. An edition is started once (its row moves from scheduled to composed under its version),
/// and one whose fan-out died half-way is finished by the next run. The send gate checks the stored email once more
/// (its rules may have changed since it was scheduled): one that fails stays scheduled, unsent, and is logged.
/// </summary>
public sealed partial class DispatchScheduled(EditionStore editions, WeeklyTips weekly, EditionGate gate, ILogger<DispatchScheduled> logger)
{
    public async Task<IReadOnlyList<string>> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var started = new List<EditionRecord>();
        foreach (var due in await editions.DueAsync(now, cancellationToken))
        {
            var (html, text) = await editions.ContentAsync(due.Id, cancellationToken);
            if (gate.Check(new Edition(due.Id, due.Track, due.IsoWeek, due.Subject, due.Preheader, due.TipIds, html, text)) is { Passes: false } report)
            {
                LogBlocked(logger, due.Id, report.Describe());
                continue;
            }

            if (await editions.TryStartAsync(due, cancellationToken) is { } record)
            {
                started.Add(record);
            }
        }

        var queued = await weekly.QueueAsync(started, cancellationToken);
        return [.. queued.Select(item => item.Record.Id)];
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled edition {EditionId} failed the send gate and was not sent: {Reasons} An editor can move it back to drafts, fix it and send it.")]
    private static partial void LogBlocked(ILogger logger, string editionId, string reasons);
}
