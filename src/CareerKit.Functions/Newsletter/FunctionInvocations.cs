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

    public static IEndpointRouteBuilder MapFunctionInvocations(this IEndpointRouteBuilder app)
    {
        app.MapPost($"/{WeeklyTipsFunction}", RunWeeklyTipsAsync);
        return app;
    }

    public static async Task<InvocationResponse> RunWeeklyTipsAsync(InvocationRequest? request, WeeklyTips weekly, CuratedTips tips, TimeProvider time, CancellationToken cancellationToken)
    {
        var pastDue = request?.Data is { } data && data.TryGetValue("timer", out var timer) && timer.ValueKind == JsonValueKind.Object
            && timer.TryGetProperty("IsPastDue", out var isPastDue) && isPastDue.ValueKind == JsonValueKind.True;
        var result = await weekly.RunAsync(time.GetUtcNow(), tips.All, cancellationToken);
        var logs = new List<string>
        {
            $"WeeklyTips{(pastDue ? " (past due)" : "")}: composed {result.Composed.Count}, queued {result.Queued.Count} edition(s) in {result.Batches} batch(es) for {result.Recipients} recipient(s); already done: {result.AlreadyDone.Count}.",
        };
        return new InvocationResponse([], logs, null);
    }
}
