using System.Text;
using System.Text.Json;
using CareerKit.Newsletter;

namespace CareerKit.Tests.Infrastructure;

/// <summary>Non-HTTP trigger invocations as the Functions host posts them to a custom handler.</summary>
public static class FunctionPayloads
{
    public static StringContent Timer(bool pastDue = false) => new(
        """{"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":PAST_DUE}},"Metadata":{"sys":{"MethodName":"WeeklyTips"}}}"""
            .Replace("PAST_DUE", pastDue ? "true" : "false", StringComparison.Ordinal),
        Encoding.UTF8,
        "application/json");

    /// <summary>A queue message: the host hands over its text under the binding name.</summary>
    public static StringContent SendBatch(SendBatchMessage message, int dequeueCount = 1, DateTimeOffset? insertedOn = null) => new(
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["Data"] = new Dictionary<string, object> { ["batch"] = JsonSerializer.Serialize(message, JsonSerializerOptions.Web) },
            ["Metadata"] = insertedOn is { } inserted
                ? new Dictionary<string, object> { ["DequeueCount"] = dequeueCount, ["InsertionTime"] = inserted.ToString("O", System.Globalization.CultureInfo.InvariantCulture) }
                : new Dictionary<string, object> { ["DequeueCount"] = dequeueCount },
        }),
        Encoding.UTF8,
        "application/json");
}
