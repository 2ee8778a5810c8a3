using System.Text.Json;
using System.Text.Json.Serialization;

namespace CareerKit.Newsletter;

/// <summary>A non-HTTP trigger as the Functions host sends it to a custom handler: POST /&lt;FunctionName&gt;.</summary>
public sealed record InvocationRequest(
    [property: JsonPropertyName("Data")] Dictionary<string, JsonElement>? Data,
    [property: JsonPropertyName("Metadata")] Dictionary<string, JsonElement>? Metadata);

/// <summary>What the handler answers the host: output bindings, log lines and a return value.</summary>
public sealed record InvocationResponse(
    [property: JsonPropertyName("Outputs")] Dictionary<string, object?> Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue")] object? ReturnValue);

/// <summary>
/// The timer and queue functions' entry points. Under the Functions host they arrive as custom-handler
/// invocations; standalone, the in-process scheduler calls the very same handlers with the same payloads.
/// </summary>
public static class FunctionInvocations
{
    public const string WeeklyTipsFunction = "WeeklyTips";
    public const string SendBatchFunction = "SendBatch";
    public const string DispatchScheduledFunction = "DispatchScheduled";
    public const string SignupEmailsFunction = "SignupEmails";

    /// <summary>
    /// A queue message is at most 64 KB (a full batch of 1,000 subscriber ids is about 37 KB); the host posts it
    /// JSON-quoted with its metadata, so the invocation is allowed twice that, above the app's 16 KB default.
    /// </summary>
    public const int MaxInvocationBytes = 128 * 1024;

    public static IEndpointRouteBuilder MapFunctionInvocations(this IEndpointRouteBuilder app)
    {
        app.MapPost($"/{WeeklyTipsFunction}", RunWeeklyTipsAsync);
        app.MapPost($"/{SendBatchFunction}", RunSendBatchAsync).WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxInvocationBytes));
        app.MapPost($"/{DispatchScheduledFunction}", RunDispatchScheduledAsync);
        app.MapPost($"/{SignupEmailsFunction}", RunSignupEmailsAsync);
        return app;
    }

    public static async Task<InvocationResponse> RunWeeklyTipsAsync(InvocationRequest? request, WeeklyTips weekly, CuratedTips tips, TimeProvider time, CancellationToken cancellationToken)
    {
        var pastDue = request?.Data is { } data && data.TryGetValue("timer", out var timer) && timer.ValueKind == JsonValueKind.Object
            && timer.TryGetProperty("IsPastDue", out var isPastDue) && isPastDue.ValueKind == JsonValueKind.True;
        var result = await weekly.RunAsync(time.GetUtcNow(), (await tips.CurrentAsync(cancellationToken)).Active, cancellationToken);
        var logs = new List<string>
        {
            $"WeeklyTips{(pastDue ? " (past due)" : "")}: composed {result.Composed.Count}, queued {result.Queued.Count} edition(s) in {result.Batches} batch(es) for {result.Recipients} recipient(s); already done: {result.AlreadyDone.Count}; stopped by the send gate: {result.Blocked.Count}.",
        };
        return new InvocationResponse([], logs, null);
    }

    public static async Task<InvocationResponse> RunDispatchScheduledAsync(InvocationRequest? request, DispatchScheduled dispatch, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = await dispatch.RunAsync(time.GetUtcNow(), cancellationToken);
        return new InvocationResponse([], [$"DispatchScheduled: started {started.Count} edition(s){(started.Count > 0 ? ": " + string.Join(", ", started) : "")}."], null);
    }

    /// <summary>The sign-up emails whose sign-up could not send them (see <see cref="Subscriptions.SignupEmailOutbox"/>).</summary>
    public static async Task<InvocationResponse> RunSignupEmailsAsync(InvocationRequest? request, Subscriptions.SignupEmailOutbox outbox, CancellationToken cancellationToken)
    {
        var swept = await outbox.SweepAsync(cancellationToken);
        return new InvocationResponse([], [$"SignupEmails: sent {swept.Sent} owed sign-up email(s), dropped {swept.Dropped} that no longer fit, {swept.Confirmed} found sent by SendGrid's events, {swept.AwaitingEvents} awaiting them."], null);
    }

    /// <summary>
    /// The queue trigger. The host hands over the message under the binding name "batch", as a string or as
    /// the JSON it contains. A refused batch answers 500 so the host retries and finally moves it to the poison queue.
    /// </summary>
    public static async Task<IResult> RunSendBatchAsync(InvocationRequest? request, SendBatch sendBatch, CancellationToken cancellationToken)
    {
        if (request?.Data is not { } data || !data.TryGetValue("batch", out var batch))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No batch in the invocation.", detail: "Expected Data.batch with a send batch message.");
        }

        SendBatchMessage? message;
        try
        {
            message = batch.ValueKind == JsonValueKind.String
                ? JsonSerializer.Deserialize<SendBatchMessage>(batch.GetString()!, JsonSerializerOptions.Web)
                : batch.Deserialize<SendBatchMessage>(JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            message = null;
        }

        if (message is null || message.SubscriberIds is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The batch message is not valid.", detail: "Expected { editionId, track, isoWeek, batch, subscriberIds }.");
        }

        if (InsertedOn(request.Metadata) is { } inserted)
        {
            Hosting.Telemetry.SendBatchQueueWait.Record(Math.Max(0, (DateTimeOffset.UtcNow - inserted).TotalSeconds)); // Storage time, not the app clock.
        }

        try
        {
            var outcome = await sendBatch.RunAsync(message, cancellationToken);
            return TypedResults.Ok(new InvocationResponse([], [$"SendBatch {message.EditionId} #{message.Batch}: {outcome}"], outcome.ToString()));
        }
        catch (Exception retryable) when (retryable is BatchInFlightException or Email.EmailProviderUnavailableException or Email.EmailRejectedException)
        {
            return TypedResults.Json(new InvocationResponse([], [$"SendBatch {message.EditionId} #{message.Batch} not sent: {retryable.Message}"], null), statusCode: StatusCodes.Status500InternalServerError);
        }
    }

    /// <summary>The queue trigger's InsertionTime binding data: when the batch was queued. The host sends it as a string, sometimes JSON-quoted.</summary>
    private static DateTimeOffset? InsertedOn(Dictionary<string, JsonElement>? metadata) =>
        metadata is not null && metadata.TryGetValue("InsertionTime", out var value) && value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(value.GetString()!.Trim('"'), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var inserted)
            ? inserted
            : null;
}
