using System.Net;
using Azure.Data.Tables;
using CareerKit.Newsletter;
using CareerKit.Storage;
using CareerKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareerKit.Tests.Newsletter;

/// <summary>
/// A sender process killed in the middle of a batch, once after SendGrid accepted it and once before: the
/// batch is recovered with no recipient getting the edition twice and none missing it.
/// </summary>
public sealed class SendRecoveryTests
{
    [Theory]
    [InlineData(true, 2112)]
    [InlineData(false, 2113)]
    public async Task A_sender_killed_between_the_SendGrid_call_and_the_ledger_write_neither_duplicates_nor_misses(bool sendGridAcceptedIt, int year)
    {
        using var signer = new WebhookSigner();
        await using var app = await CareerKitApp.StartAsync(new Dictionary<string, string?> { ["SendGrid:WebhookPublicKey"] = signer.PublicKey });
        var readers = new[] { CareerKitApp.NewAddress("crash"), CareerKitApp.NewAddress("crash"), CareerKitApp.NewAddress("crash") };
        var ids = new List<string>();
        foreach (var reader in readers)
        {
            await app.SubscribeAndConfirmAsync(reader, "ml");
            ids.Add((await app.FindSubscriberAsync(reader))!.Id);
        }

        var batch = await StoredEditionAsync(app, year, ids);

        // The first attempt runs in a process of its own, which dies while SendGrid has its request.
        await using var sendGridSeenByTheDead = await FakeSendGrid.StartAsync();
        using var dying = await AppProcess.StartAsync(new Dictionary<string, string?>
        {
            ["SendGrid__ApiKey"] = FakeSendGrid.ApiKey,
            ["SendGrid__Host"] = sendGridSeenByTheDead.Host,
        });
        if (sendGridAcceptedIt)
        {
            sendGridSeenByTheDead.OnAccepted = dying.Kill;
        }
        else
        {
            sendGridSeenByTheDead.OnReceived = dying.Kill;
            sendGridSeenByTheDead.FailAlways(503); // SendGrid never takes this one.
        }

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => dying.Client.PostAsync("/SendBatch", FunctionPayloads.SendBatch(batch)));
        Assert.Equal(sendGridAcceptedIt ? 1 : 0, sendGridSeenByTheDead.Sent.Count);

        // Re-delivered while the dead attempt's claim lasts, the batch waits: nobody can know yet what SendGrid has.
        var early = await app.Client.PostAsync("/SendBatch", FunctionPayloads.SendBatch(batch, dequeueCount: 2));
        Assert.Equal(HttpStatusCode.InternalServerError, early.StatusCode);
        Assert.Contains("being sent by another attempt", await early.Content.ReadAsStringAsync());
        Assert.DoesNotContain(EditionSends(app.SendGrid), body => To(body).Intersect(readers).Any());

        // SendGrid reports each message it accepted ("processed") through the signed event webhook.
        foreach (var personalization in sendGridSeenByTheDead.Sent.SelectMany(body => body["personalizations"]!.AsArray()))
        {
            var args = personalization!["custom_args"]!;
            var events = $$"""[ { "event": "processed", "sg_event_id": "{{Guid.NewGuid()}}", "email": "{{personalization["to"]![0]!["email"]}}", "edition_id": "{{args["edition_id"]}}", "subscriber_id": "{{args["subscriber_id"]}}" } ]""";
            Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(signer.Request(events, app.Time.GetUtcNow()))).StatusCode);
        }

        app.Time.Advance(SendBatch.Lease + TimeSpan.FromMinutes(1));
        var recovered = await app.Client.PostAsync("/SendBatch", FunctionPayloads.SendBatch(batch, dequeueCount: 3));

        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
        var received = sendGridSeenByTheDead.Sent.Concat(EditionSends(app.SendGrid)).SelectMany(To).Where(readers.Contains).ToList();
        Assert.Equal(readers.Order(), received.Order()); // Each reader exactly once.
        Assert.Equal(sendGridAcceptedIt ? 0 : 1, EditionSends(app.SendGrid).Count(body => To(body).Intersect(readers).Any()));
        var ledger = await app.Services.GetRequiredService<TableStorage>().GetTableAsync(SendBatch.LedgerTable, CancellationToken.None);
        Assert.Equal("sent", (await ledger.GetEntityAsync<TableEntity>(batch.EditionId, "batch-00000")).Value.GetString("Status"));
    }

    [Fact]
    public async Task SendGrid_answering_too_late_leaves_the_batch_claimed_so_a_retry_cannot_send_it_twice()
    {
        await using var app = await CareerKitApp.StartAsync();
        var reader = CareerKitApp.NewAddress("late");
        await app.SubscribeAndConfirmAsync(reader, "ml");
        var batch = await StoredEditionAsync(app, 2114, [(await app.FindSubscriberAsync(reader))!.Id]);
        using var answer = new ManualResetEventSlim();
        app.SendGrid.OnAccepted = () => answer.Wait(TimeSpan.FromSeconds(30)); // Accepted, but the answer is late.

        var first = app.Client.PostAsync("/SendBatch", FunctionPayloads.SendBatch(batch));
        for (var wait = 0; wait < 400 && EditionSends(app.SendGrid).Count() == 0; wait++)
        {
            await Task.Delay(25);
        }

        app.Time.Advance(TimeSpan.FromSeconds(30)); // Past the SendGrid client's timeouts.
        var timedOut = await first;
        answer.Set();
        var retry = await app.Client.PostAsync("/SendBatch", FunctionPayloads.SendBatch(batch, dequeueCount: 2));

        Assert.Equal(HttpStatusCode.InternalServerError, timedOut.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, retry.StatusCode);
        Assert.Contains("being sent by another attempt", await retry.Content.ReadAsStringAsync());
        Assert.Single(EditionSends(app.SendGrid));
    }

    private static async Task<SendBatchMessage> StoredEditionAsync(CareerKitApp app, int year, IReadOnlyList<string> subscriberIds)
    {
        var record = await StoredEditions.StoreAsync(app, "ml", year);
        return new SendBatchMessage(record.Id, record.Track, record.IsoWeek, 0, subscriberIds);
    }

    /// <summary>The newsletter's mail/send requests, not the sign-up emails.</summary>
    private static IEnumerable<System.Text.Json.Nodes.JsonObject> EditionSends(FakeSendGrid sendGrid) =>
        sendGrid.Sent.Where(body => CapturedEmail.From(body).Categories.Contains("tips-ml"));

    private static IEnumerable<string> To(System.Text.Json.Nodes.JsonObject body) =>
        body["personalizations"]!.AsArray().Select(item => item!["to"]![0]!["email"]!.GetValue<string>());
}
