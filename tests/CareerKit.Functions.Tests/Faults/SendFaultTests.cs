using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CareerKit.Newsletter;
using CareerKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CareerKit.Tests.Faults;

/// <summary>
/// Issue 10 §1: the weekly send to 1,250 subscribers when storage fails or the sender dies right after SendGrid
/// accepted the ML batch (1,000 recipients), with SendGrid's events in time, late or absent. Each test counts the
/// edition emails SendGrid accepted per subscriber: nobody may get two, and whoever may have got none is reported.
/// </summary>
public sealed class SendFaultTests(ITestOutputHelper output)
{
    /// <summary>How long a batch of unknown outcome waits for SendGrid's events by default.</summary>
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(30);

    /// <summary>App time that passes per 50 ms while a delivery runs, when the app waits on its clock (the ledger write's backoff).</summary>
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);

    /// <summary>Tables of this test's own (xunit makes an instance per test), shared by its app and its dying process.</summary>
    private readonly string _tablePrefix = WeeklySend.NewTablePrefix();

    [Theory]
    [InlineData(25, 2141)] // The issue's reset: the ledger write is retried until storage is back.
    [InlineData(240, 2147)] // Longer than the lease: the write gives up, and without events the batch is held.
    public async Task Storage_down_right_after_SendGrid_accepted_the_ML_batch_sends_it_to_nobody_twice(int outageSeconds, int year)
    {
        await using var storage = await FaultyStorage.InFrontOfAsync();
        await using var app = await StartAsync(new() { ["AzureWebJobsStorage"] = storage.ConnectionString });
        var week = await WeeklySend.RunAsync(app, year);
        foreach (var other in week.Others)
        {
            Assert.Equal(["Sent"], await SettleAsync(app, other));
        }

        var downSince = DateTimeOffset.MaxValue;
        app.SendGrid.OnAccepted = () =>
        {
            app.SendGrid.OnAccepted = null;
            downSince = app.Time.GetUtcNow();
            storage.Mode = FaultMode.Down; // SendGrid has the batch; the ledger cannot hear of it.
        };
        var outcomes = await SettleAsync(app, week.Ml, eachStep: () =>
        {
            if (storage.Mode == FaultMode.Down && app.Time.GetUtcNow() - downSince >= TimeSpan.FromSeconds(outageSeconds))
            {
                storage.Mode = FaultMode.Up;
            }
        });
        var again = await DeliverAsync(app, week.Ml, 1); // A late duplicate of the message.

        var tally = week.Count(app.SendGrid);
        output.WriteLine($"storage down {outageSeconds} s after the 202, no events: {tally}; outcomes {string.Join(", ", outcomes)}");
        Assert.Equal(new SendTally(1250, Duplicates: 0, Missed: 0), tally);
        Assert.Equal(FaultMode.Up, storage.Mode);
        Assert.Contains(app.Logs.Lines, line => line.Contains("SendGrid's answer (Sent) not recorded", StringComparison.Ordinal)); // The fault hit the ledger write.
        if (outageSeconds < 60)
        {
            Assert.Equal(["Sent"], outcomes);
            Assert.Equal("AlreadySent", again);
        }
        else
        {
            Assert.Equal(["AwaitingReceipts", "Held"], outcomes);
            Assert.Equal("Held", again);
            await AssertReportedAsync(app, week.Ml.EditionId, 1000);
        }
    }

    [Theory]
    [InlineData("in time", 2142)]
    [InlineData("late", 2143)] // After the lease, within the window.
    [InlineData("absent", 2144)] // Webhook not configured.
    public async Task A_sender_killed_after_SendGrid_accepted_the_ML_batch_sends_it_to_nobody_twice_whenever_the_events_come(string events, int year)
    {
        using var signer = new WebhookSigner();
        await using var app = await StartAsync(new() { ["SendGrid:WebhookPublicKey"] = signer.PublicKey });
        var week = await WeeklySend.RunAsync(app, year);
        foreach (var other in week.Others)
        {
            Assert.Equal(["Sent"], await SettleAsync(app, other));
        }

        await using var sendGridSeenByTheDead = await FakeSendGrid.StartAsync();
        using (var dying = await StartProcessAsync(sendGridSeenByTheDead))
        {
            sendGridSeenByTheDead.OnAccepted = dying.Kill;
            await DeliverThroughItsQueueAsync(dying, week.Ml);
        }

        Assert.Single(sendGridSeenByTheDead.Sent);
        app.Time.SetUtcNow(DateTimeOffset.UtcNow); // The dead process claimed the batch on the real clock.
        if (events == "in time")
        {
            await PostEventsAsync(app, signer, sendGridSeenByTheDead);
        }

        var outcomes = await SettleAsync(app, week.Ml, delivery: 2, whileAwaiting: events == "late" ? () => PostEventsAsync(app, signer, sendGridSeenByTheDead) : null);
        var again = await DeliverAsync(app, week.Ml, 1);

        var tally = week.Count(app.SendGrid, sendGridSeenByTheDead);
        output.WriteLine($"killed after the 202, events {events}: {tally}; outcomes {string.Join(", ", outcomes)}");
        Assert.Equal(new SendTally(1250, Duplicates: 0, Missed: 0), tally);
        switch (events)
        {
            case "in time":
                Assert.Equal(["Confirmed"], outcomes);
                Assert.Equal("AlreadySent", again);
                break;
            case "late":
                Assert.Equal(["AwaitingReceipts", "Confirmed"], outcomes);
                Assert.Equal("AlreadySent", again);
                break;
            default:
                Assert.Equal(["AwaitingReceipts", "Held"], outcomes);
                Assert.Equal("Held", again);
                await AssertReportedAsync(app, week.Ml.EditionId, 1000);
                break;
        }
    }

    [Theory]
    [InlineData("hold", 2145)]
    [InlineData("resend-unconfirmed", 2146)]
    public async Task A_sender_killed_while_SendGrid_refused_the_ML_batch_holds_and_reports_it_or_resends_it_once_as_configured(string policy, int year)
    {
        await using var app = await StartAsync(new() { ["CareerKit:UnknownOutcome"] = policy });
        var week = await WeeklySend.RunAsync(app, year);
        foreach (var other in week.Others)
        {
            Assert.Equal(["Sent"], await SettleAsync(app, other));
        }

        await using var sendGridSeenByTheDead = await FakeSendGrid.StartAsync();
        using (var dying = await StartProcessAsync(sendGridSeenByTheDead))
        {
            sendGridSeenByTheDead.OnReceived = dying.Kill;
            sendGridSeenByTheDead.FailAlways(503); // SendGrid never takes it, but nobody hears that.
            await DeliverThroughItsQueueAsync(dying, week.Ml);
        }

        app.Time.SetUtcNow(DateTimeOffset.UtcNow);
        var outcomes = await SettleAsync(app, week.Ml, delivery: 2);

        var tally = week.Count(app.SendGrid, sendGridSeenByTheDead);
        output.WriteLine($"killed with the request at SendGrid, refused, {policy}: {tally}; outcomes {string.Join(", ", outcomes)}");
        Assert.Equal(0, tally.Duplicates);
        if (policy == "hold")
        {
            Assert.Equal(["AwaitingReceipts", "Held"], outcomes);
            Assert.Equal(1000, tally.Missed); // A missed week, but not a silent one:
            await AssertReportedAsync(app, week.Ml.EditionId, 1000);
        }
        else
        {
            Assert.Equal(["AwaitingReceipts", "Sent"], outcomes);
            Assert.Equal(0, tally.Missed);
        }
    }

    private Task<CareerKitApp> StartAsync(Dictionary<string, string?> settings)
    {
        settings["CareerKit:TablePrefix"] = _tablePrefix;
        return CareerKitApp.StartAsync(settings);
    }

    /// <summary>A sender of its own, on the same tables as the app, that the test kills in the middle of the ML batch.</summary>
    private Task<AppProcess> StartProcessAsync(FakeSendGrid sendGrid) => AppProcess.StartAsync(new Dictionary<string, string?>
    {
        ["SendGrid__ApiKey"] = FakeSendGrid.ApiKey,
        ["SendGrid__Host"] = sendGrid.Host,
        ["CareerKit__TablePrefix"] = _tablePrefix,
        [SendQueue.TriggerQueueSetting] = ProcessQueue, // The prefix covers the queue too.
        ["CareerKit__LocalScheduler"] = "true", // Its queue poller takes the batch; its timers never come due:
        [CareerKit.Newsletter.NewsletterTimers.WeeklyScheduleSetting] = "0 0 0 1 1 *",
        [CareerKit.Newsletter.NewsletterTimers.DispatchScheduleSetting] = "0 0 0 1 1 *",
    });

    /// <summary>
    /// The queue trigger's part (host.json: a failed delivery comes back 30 s later, 10 deliveries at most): delivers the
    /// batch until the function succeeds. A batch waiting for SendGrid's events has put a delayed copy of itself on the
    /// queue: the copy comes back when the window has passed, and is delivered in turn.
    /// </summary>
    /// <param name="eachStep">Runs the app's clock while deliveries run and between them, calling this at each step.</param>
    private static async Task<List<string>> SettleAsync(CareerKitApp app, SendBatchMessage batch, int delivery = 1, Func<Task>? whileAwaiting = null, Action? eachStep = null)
    {
        var queue = app.Services.GetRequiredService<SendQueue>().Client;
        var outcomes = new List<string>();
        while (true)
        {
            var sending = DeliverAsync(app, batch, delivery);
            while (eachStep is not null && !sending.IsCompleted)
            {
                await Task.WhenAny(sending, Task.Delay(50));
                app.Time.Advance(Step);
                eachStep();
            }

            if (await sending is not { } outcome)
            {
                Assert.True(delivery < Queues.MaxDequeueCount, $"{batch.EditionId} would go to the poison queue");
                delivery++;
                for (var waited = TimeSpan.Zero; waited < Queues.VisibilityTimeout; waited += Step)
                {
                    app.Time.Advance(Step);
                    eachStep?.Invoke();
                }

                continue;
            }

            outcomes.Add(outcome);
            if (outcome != "AwaitingReceipts")
            {
                return outcomes;
            }

            Assert.Equal(1, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount); // The delayed copy.
            await queue.ClearMessagesAsync(); // Delivered here instead, once the window has passed.
            if (whileAwaiting is not null)
            {
                await whileAwaiting();
                whileAwaiting = null;
            }

            app.Time.Advance(Window);
            delivery = 1;
        }
    }

    /// <returns>The function's outcome, or null when it failed (the host would deliver the message again).</returns>
    private static async Task<string?> DeliverAsync(CareerKitApp app, SendBatchMessage batch, int delivery) =>
        (await app.TryDeliverBatchAsync(batch, delivery))?.ToString();

    /// <summary>host.json's extensions.queues, which the host and the standalone poller apply.</summary>
    private static CareerKit.Hosting.Standalone.QueueSettings Queues => CareerKit.Hosting.Standalone.HostJson.Read(AppContext.BaseDirectory).Queues;

    /// <summary>
    /// Puts the batch on the process's own send queue for its queue poller, and waits until the test's fault kills it in
    /// the middle. The message it held is then cleared: the test delivers the batch to the app itself from here on.
    /// </summary>
    private async Task DeliverThroughItsQueueAsync(AppProcess dying, SendBatchMessage batch)
    {
        var queue = new Azure.Storage.Queues.QueueClient((await Azurite.InstanceAsync()).ConnectionString, ProcessQueue,
            new Azure.Storage.Queues.QueueClientOptions { MessageEncoding = Azure.Storage.Queues.QueueMessageEncoding.Base64 });
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync(System.Text.Json.JsonSerializer.Serialize(batch, System.Text.Json.JsonSerializerOptions.Web));
        await dying.WaitForExitAsync(TimeSpan.FromMinutes(2));
        await queue.ClearMessagesAsync();
    }

    private string ProcessQueue => new CareerKit.Storage.StorageNames(_tablePrefix).Queue(SendQueue.DefaultQueueName);

    private static async Task PostEventsAsync(CareerKitApp app, WebhookSigner signer, FakeSendGrid sendGrid)
    {
        using var response = await app.Client.SendAsync(signer.Request(WeeklySend.ProcessedEvents(sendGrid), app.Time.GetUtcNow()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Editors see the batch on the editions page and in the API, and the log says so.</summary>
    private static async Task AssertReportedAsync(CareerKitApp app, string editionId, int recipients)
    {
        var report = $"outcome unknown: {recipients} recipients";
        Assert.Contains(app.Logs.Lines, line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains(report, StringComparison.Ordinal) && line.Contains(editionId, StringComparison.Ordinal));
        using var editor = app.NewClient();
        editor.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await EditorBrowser.AddEditorAsync(app, EditorBrowser.NewName()));
        Assert.Contains(report, await editor.GetStringAsync("/editor?all=ml"), StringComparison.Ordinal);
        var editions = (await editor.GetFromJsonAsync<JsonArray>("/api/editor/editions"))!;
        Assert.Equal(recipients, editions.Single(edition => edition!["id"]!.GetValue<string>() == editionId)!["outcomeUnknown"]!.GetValue<int>());
    }
}
