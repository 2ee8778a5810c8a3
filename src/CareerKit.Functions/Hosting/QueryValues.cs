using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CareerKit.Hosting;

/// <summary>
/// Query-string values read explicitly by functions, as minimal APIs bound them: absent is null, and a typed value
/// that does not parse is the client's mistake (a 400 naming the parameter), never an exception.
/// </summary>
public static class QueryValues
{
    /// <summary>The value, or null when the parameter is absent (several values are joined with commas).</summary>
    public static string? String(HttpRequest request, string name) => request.Query[name];

    /// <summary>Reads an optional typed value; an empty parameter counts as absent.</summary>
    /// <param name="problem">The 400 to answer when the value is there but does not parse.</param>
    public static bool TryParse<T>(HttpRequest request, string name, out T? value, [NotNullWhen(false)] out IResult? problem)
        where T : struct, IParsable<T>
    {
        value = null;
        problem = null;
        var raw = request.Query[name];
        if (string.IsNullOrEmpty(raw))
        {
            return true;
        }

        if (T.TryParse(raw, CultureInfo.InvariantCulture, out var parsed))
        {
            value = parsed;
            return true;
        }

        problem = TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: $"The {name} parameter is not valid.",
            detail: $"'{raw}' is not {Kind<T>()}.");
        return false;
    }

    private static string Kind<T>() => typeof(T) == typeof(bool) ? "true or false" : typeof(T) == typeof(int) ? "a whole number" : $"a {typeof(T).Name}";
}
