using Azure.Storage.Queues;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Time.Testing;
using Spike.Tests.Infrastructure;

namespace Spike.Tests;

[Collection(StorageCollection.Name)]
public sealed class StandaloneTriggerTests(Azurite storage)
{
    [Fact]
    public async Task A_timer_missed_while_the_app_was_down_runs_at_start_past_due_then_on_its_schedule()
    {
        var monday = new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(monday);
        var statuses = new InMemoryScheduleStatusStore();
        statuses.Statuses["WeeklyTips"] = new ScheduleStatus { Last = monday.AddDays(-14).AddHours(1).UtcDateTime, Next = monday.AddDays(-7).AddHours(1).UtcDateTime };

        await using var app = await StandaloneApp.StartAsync(storage, time: time, statuses: statuses);
        Assert.True(await app.WaitForAsync(j => j.Entries.Any(e => e.Function == "WeeklyTips")));
        Assert.Equal(("WeeklyTips", "past-due"), app.Journal.Entries.Single());
        Assert.True(await WaitAsync(() => statuses.Statuses["WeeklyTips"].Next == monday.AddHours(1).UtcDateTime));

        time.Advance(TimeSpan.FromHours(1));
        Assert.True(await app.WaitForAsync(j => j.Entries.Count(e => e.Function == "WeeklyTips") == 2));
        Assert.Equal(("WeeklyTips", "on-time"), app.Journal.Entries.Last());
    }

    [Fact]
    public async Task A_queue_message_reaches_the_function_and_one_that_keeps_failing_moves_to_the_poison_queue()
    {
        await using var app = await StandaloneApp.StartAsync(storage, hostJson: hostJson => hostJson with
        {
            Queues = hostJson.Queues with { VisibilityTimeout = TimeSpan.Zero, MaxDequeueCount = 3 },
        });
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }; // host.json's default messageEncoding
        var queue = new QueueClient(storage.ConnectionString, app.QueueName, options);
        await queue.CreateIfNotExistsAsync();

        await queue.SendMessageAsync("batch-1");
        await queue.SendMessageAsync("fail-2");

        Assert.True(await app.WaitForAsync(j => j.Entries.Any(e => e.Detail == "batch-1#1") && j.Entries.Any(e => e.Detail == "fail-2#3")));
        var poison = new QueueClient(storage.ConnectionString, $"{app.QueueName}-poison", options);
        Assert.True(await WaitAsync(async () => (await poison.ExistsAsync()).Value && (await poison.PeekMessagesAsync(5)).Value.Length == 1));
        Assert.Equal("fail-2", (await poison.PeekMessagesAsync()).Value.Single().Body.ToString());
        Assert.Equal(["fail-2#1", "fail-2#2", "fail-2#3"], app.Journal.Entries.Where(e => e.Detail.StartsWith("fail", StringComparison.Ordinal)).Select(e => e.Detail));
        Assert.Empty((await queue.PeekMessagesAsync(5)).Value);
    }

    private static Task<bool> WaitAsync(Func<bool> condition) => WaitAsync(() => Task.FromResult(condition()));

    private static async Task<bool> WaitAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }
}
