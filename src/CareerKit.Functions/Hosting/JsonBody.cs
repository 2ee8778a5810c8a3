using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CareerKit.Hosting;

/// <summary>Reads a JSON request body; malformed JSON or text that is not UTF-8 is the client's mistake, not an exception.</summary>
public static class JsonBody
{
    public const string NotUtf8 = "contains text that is not valid UTF-8 (a broken byte sequence, or a lone surrogate escape such as \\ud800)";

    /// <param name="options">Strict JSON unless given (resumes allow trailing commas and comments).</param>
    /// <returns>The body's root, or the answer that says what is wrong with it.</returns>
    public static async Task<(JsonElement? Root, IResult? Failure)> ReadAsync(HttpRequest request, CancellationToken cancellationToken, JsonDocumentOptions? options = null)
    {
        JsonElement root;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, options ?? new JsonDocumentOptions { MaxDepth = 16 }, cancellationToken);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return (null, Malformed());
        }

        if (FindUnreadableText(root) is { } path)
        {
            return (null, TypedResults.ValidationProblem(new Dictionary<string, string[]> { [path] = [NotUtf8] }, title: "The body holds text that is not valid UTF-8."));
        }

        return (root, null);
    }

    /// <summary>
    /// The path (<c>work[0].highlights[1]</c>) of the first string or property name that cannot be read as text, or null.
    /// The parser accepts both invalid UTF-8 and lone surrogate escapes, and only reading the string fails.
    /// </summary>
    public static string? FindUnreadableText(JsonElement element, string path = "")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return IsReadable(element.GetString) ? null : (path.Length == 0 ? "$" : path);
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FindUnreadableText(item, $"{path}[{index++}]") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!IsReadable(() => property.Name))
                    {
                        return path.Length == 0 ? "$" : path;
                    }

                    if (FindUnreadableText(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static bool IsReadable(Func<string?> read)
    {
        try
        {
            read();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
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
