using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Spike.Hosting;

namespace Spike.Newsletter;

/// <summary>The non-HTTP triggers: a timer on a schedule from settings, and the queue worker that must see DequeueCount.</summary>
public sealed class NewsletterFunctions(InvocationJournal journal)
{
    [Function("WeeklyTips")]
    public Task WeeklyTips([TimerTrigger("%MY_SCHEDULE%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        journal.Record("WeeklyTips", timer.IsPastDue ? "past-due" : "on-time");
        return Task.CompletedTask;
    }

    [Function("SendBatch")]
    public void SendBatch([QueueTrigger("%QUEUE_NAME%", Connection = "AzureWebJobsStorage")] QueueMessage message)
    {
        journal.Record("SendBatch", $"{message.Body}#{message.DequeueCount}");
        if (message.Body.ToString().StartsWith("fail", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The batch cannot be sent (the test asked for it).");
        }
    }
}
