using System.Net;
using CareerKit.Newsletter;
using CareerKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareerKit.Tests.Newsletter;

/// <summary>
/// An attempt at a batch that died or lost SendGrid's answer: nobody else sends the batch while its lease lasts, and
/// what happens after depends on whether SendGrid may have it (a process killed around the request, and storage
/// failing after it: Faults/SendFaultTests).
/// </summary>
public sealed class SendRecoveryTests
{
    [Fact]
    public async Task A_sender_that_died_before_calling_SendGrid_is_replaced_when_its_lease_ends_and_everyone_gets_the_edition()
    {
        await using var app = await CareerKitApp.StartAsync();
        var reader = CareerKitApp.NewAddress("early");
        await app.SubscribeAndConfirmAsync(reader, "ml");
        var batch = await StoredEditionAsync(app, 2149, [(await app.FindSubscriberAsync(reader))!.Id]);
        // What an attempt leaves when it dies after claiming the batch, before its request: a claim, never "sending".
        Assert.NotNull(await app.Services.GetRequiredService<SendLedger>().TryClaimAsync(batch.EditionId, batch.Batch, null, app.Time.GetUtcNow(), CancellationToken.None));

        var early = await Record.ExceptionAsync(() => app.DeliverBatchAsync(batch, dequeueCount: 2));
        app.Time.Advance(SendBatch.Lease);
        var afterLease = await app.DeliverBatchAsync(batch, dequeueCount: 3);

        Assert.IsType<BatchInFlightException>(early); // Thrown: the host delivers it again later.
        Assert.Equal(SendBatchOutcome.Sent, afterLease); // Nothing went out: no waiting for events.
        Assert.Single(EditionSends(app.SendGrid), body => To(body).Contains(reader));
    }

    [Fact]
    public async Task SendGrid_answering_too_late_leaves_the_batch_to_its_events_so_no_retry_sends_it_twice()
    {
        await using var app = await CareerKitApp.StartAsync();
        var reader = CareerKitApp.NewAddress("late");
        await app.SubscribeAndConfirmAsync(reader, "ml");
        var batch = await StoredEditionAsync(app, 2114, [(await app.FindSubscriberAsync(reader))!.Id]);
        using var answer = new ManualResetEventSlim();
        app.SendGrid.OnAccepted = () => answer.Wait(TimeSpan.FromSeconds(30)); // Accepted, but the answer is late.

        var first = Record.ExceptionAsync(() => app.DeliverBatchAsync(batch));
        for (var wait = 0; wait < 400 && EditionSends(app.SendGrid).Count() == 0; wait++)
        {
            await Task.Delay(25);
        }

        app.Time.Advance(TimeSpan.FromSeconds(30)); // Past the SendGrid client's timeouts.
        var timedOut = await first;
        answer.Set();
        var retry = await Record.ExceptionAsync(() => app.DeliverBatchAsync(batch, dequeueCount: 2));
        app.Time.Advance(SendBatch.Lease);
        var afterLease = await app.DeliverBatchAsync(batch, dequeueCount: 3);

        Assert.NotNull(timedOut); // Thrown: the host delivers it again later.
        Assert.Contains("being sent by another attempt", Assert.IsType<BatchInFlightException>(retry).Message);
        Assert.Equal(SendBatchOutcome.AwaitingReceipts, afterLease); // SendGrid may have it: no resend.
        Assert.Single(EditionSends(app.SendGrid));
    }

    private static async Task<SendBatchMessage> StoredEditionAsync(CareerKitApp app, int year, IReadOnlyList<string> subscriberIds)
    {
        var record = await StoredEditions.StoreAsync(app, Track.Ml, year);
        return new SendBatchMessage(record.Id, record.Track, record.IsoWeek, 0, subscriberIds);
    }

    /// <summary>The newsletter's mail/send requests, not the sign-up emails.</summary>
    private static IEnumerable<System.Text.Json.Nodes.JsonObject> EditionSends(FakeSendGrid sendGrid) =>
        sendGrid.Sent.Where(body => CapturedEmail.From(body).Categories.Contains("tips-ml"));

    private static IEnumerable<string> To(System.Text.Json.Nodes.JsonObject body) =>
        body["personalizations"]!.AsArray().Select(item => item!["to"]![0]!["email"]!.GetValue<string>());
}
