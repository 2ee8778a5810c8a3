using Azure.Storage.Queues.Models;
using CareerKit.Hosting;
using CareerKit.Hosting.Standalone;
using CareerKit.Newsletter;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace CareerKit.Tests.Infrastructure;

/// <summary>
/// The host's part for the non-HTTP triggers, played by the test: it fires a timer or delivers a queue message to the
/// very [Function] method, through the same invoker standalone mode uses, in a scope of the app's services.
/// </summary>
public static class FunctionTriggers
{
    public static async Task RunTimerAsync(this CareerKitApp app, string function, bool pastDue = false)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var declaration = app.Services.GetRequiredService<FunctionCatalog>()[function];
        await FunctionInvoker.InvokeAsync(declaration, scope.ServiceProvider, new TimerInfo { IsPastDue = pastDue }, http: null, CancellationToken.None);
    }

    /// <returns>The function's outcome; null when it moved the batch to the poison queue.</returns>
    /// <exception cref="Exception">What the function threw: the host would deliver the message again.</exception>
    public static async Task<SendBatchOutcome?> DeliverBatchAsync(this CareerKitApp app, SendBatchMessage batch, int dequeueCount = 1, DateTimeOffset? insertedOn = null) =>
        await app.DeliverQueueMessageAsync(System.Text.Json.JsonSerializer.Serialize(batch, System.Text.Json.JsonSerializerOptions.Web), dequeueCount, insertedOn);

    public static async Task<SendBatchOutcome?> DeliverQueueMessageAsync(this CareerKitApp app, string body, int dequeueCount = 1, DateTimeOffset? insertedOn = null)
    {
        var message = QueuesModelFactory.QueueMessage(Guid.NewGuid().ToString(), "pop", body, dequeueCount, insertedOn: insertedOn);
        await using var scope = app.Services.CreateAsyncScope();
        var declaration = app.Services.GetRequiredService<FunctionCatalog>()[SendBatchFunction.Name];
        return (SendBatchOutcome?)await FunctionInvoker.InvokeAsync(declaration, scope.ServiceProvider, message, http: null, CancellationToken.None);
    }

    /// <returns>The outcome, or null when the function failed (and the host would deliver the message again).</returns>
    public static async Task<SendBatchOutcome?> TryDeliverBatchAsync(this CareerKitApp app, SendBatchMessage batch, int dequeueCount = 1)
    {
        try
        {
            return await app.DeliverBatchAsync(batch, dequeueCount);
        }
        catch (Exception failure) when (failure is BatchInFlightException or CareerKit.Email.EmailProviderUnavailableException || CareerKit.Hosting.StorageFailure.IsOutage(failure))
        {
            return null;
        }
    }
}
