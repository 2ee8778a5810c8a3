namespace CareerKit.Editor;

/// <summary>What the editors' JSON API reads from a request: the body, the version a change was made from (If-Match), and who sent it.</summary>
internal static class EditorApiRequest
{
    /// <summary>
    /// The JSON body as <typeparamref name="T"/>, with the app's JSON settings (camelCase, as the API answers).
    /// A body that is missing, not JSON or malformed is thrown as a <see cref="BadHttpRequestException"/>, as minimal
    /// APIs did, so <see cref="Hosting.UnexpectedErrorHandler"/> words it in one place (and names the field that did not read).
    /// </summary>
    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            throw new BadHttpRequestException($"Expected a JSON body, not '{request.ContentType}'.", StatusCodes.Status415UnsupportedMediaType);
        }

        T? body;
        try
        {
            body = request.ContentLength == 0 ? null : await request.ReadFromJsonAsync<T>(cancellationToken);
        }
        catch (System.Text.Json.JsonException malformed)
        {
            throw new BadHttpRequestException($"Failed to read the request body as {typeof(T).Name}.", malformed);
        }

        return body ?? throw new BadHttpRequestException($"Required parameter \"{typeof(T).Name}\" was not provided from body.");
    }

    public static string? Version(HttpRequest request) => request.Headers.IfMatch.ToString() is { Length: > 0 } version ? version : null;

    public static string Editor(HttpRequest request) => EditorForms.Editor(request.HttpContext);
}
