namespace CareerKit.Hosting;

/// <summary>Whether a request comes from a browser page (answer with HTML) or an API client (answer with problem details).</summary>
internal static class ClientKind
{
    public static bool WantsHtml(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            return true;
        }

        var accept = request.Headers.Accept.ToString();
        return accept.Contains("text/html", StringComparison.OrdinalIgnoreCase);
    }
}
