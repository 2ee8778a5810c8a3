namespace CareerKit.Newsletter;

/// <summary>
/// The minute timer: starts editors' editions whose time has come, through the weekly send's own fan-out and
/// SendBatch path. An edition is started once (its row moves from scheduled to composed under its version),
/// and one whose fan-out died half-way is finished by the next run.
/// </summary>
public sealed class DispatchScheduled(EditionStore editions, WeeklyTips weekly)
{
    public async Task<IReadOnlyList<string>> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var started = new List<EditionRecord>();
        foreach (var due in await editions.DueAsync(now, cancellationToken))
        {
            if (await editions.TryStartAsync(due, cancellationToken) is { } record)
            {
                started.Add(record);
            }
        }

        var queued = await weekly.QueueAsync(started, cancellationToken);
        return [.. queued.Select(item => item.Record.Id)];
    }
}
