using CareerKit.Newsletter;
using Microsoft.Extensions.DependencyInjection;

namespace CareerKit.Tests.Infrastructure;

/// <summary>Editions stored as the weekly timer stores them, for weeks no other test uses.</summary>
public static class StoredEditions
{
    /// <param name="queued">Marked as fully queued (sent), as the timer does after its fan-out.</param>
    public static async Task<EditionRecord> StoreAsync(CareerKitApp app, Track track, int year, bool queued = false)
    {
        var store = app.Services.GetRequiredService<EditionStore>();
        var tips = app.Services.GetRequiredService<CuratedTips>().Seeds;
        var edition = app.Services.GetRequiredService<EditionComposer>().Compose(
            track, new DateTimeOffset(year, 3, 2, 9, 0, 0, TimeSpan.Zero), TipRotation.Choose(tips, track, []).Chosen, app.BaseAddress + "archive");
        var record = await store.TryCreateAsync(edition, CancellationToken.None) ?? await store.FindAsync(track, edition.IsoWeek, CancellationToken.None);
        Assert.NotNull(record);
        if (queued)
        {
            await store.MarkQueuedAsync(record, batches: 1, recipients: 1, CancellationToken.None);
            record = await store.FindAsync(track, edition.IsoWeek, CancellationToken.None);
        }

        return record!;
    }
}
