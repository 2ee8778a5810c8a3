using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CareerKit.Hosting;

/// <summary>Reads a JSON request body; malformed JSON is the client's mistake, not an exception.</summary>
public static class JsonBody
{
    public static async Task<JsonElement?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = 16 }, cancellationToken);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>An optional string field; a value of another type becomes a field error.</summary>
    public static string? OptionalString(JsonElement root, string name, IDictionary<string, string[]> errors)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        errors[name] = [$"{name} must be a string."];
        return null;
    }

    public static ProblemHttpResult Malformed() => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "The body is not valid JSON.",
        detail: "Check for missing quotes, commas or braces.");
}
