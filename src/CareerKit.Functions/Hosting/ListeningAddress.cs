namespace CareerKit.Hosting;

/// <summary>Where Kestrel listens: the port the Functions host hands us, else --urls, else the Functions default.</summary>
internal static class ListeningAddress
{
    public const string CustomHandlerPortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";
    public const string StandaloneDefault = "http://localhost:7071";

    public static IWebHostBuilder UseCareerKitUrls(this IWebHostBuilder webHost, IConfiguration configuration)
    {
        var urls = Choose(configuration[CustomHandlerPortVariable], configuration[WebHostDefaults.ServerUrlsKey]);
        return urls is null ? webHost : webHost.UseUrls(urls);
    }

    /// <returns>The URLs to listen on, or null when the ones already configured should stand.</returns>
    internal static string? Choose(string? customHandlerPort, string? configuredUrls)
    {
        if (!string.IsNullOrWhiteSpace(customHandlerPort))
        {
            if (!int.TryParse(customHandlerPort, out var port) || port is < 1 or > 65535)
            {
                throw new InvalidOperationException($"{CustomHandlerPortVariable} must be a port number, not '{customHandlerPort}'.");
            }

            return $"http://localhost:{port}";
        }

        return string.IsNullOrWhiteSpace(configuredUrls) ? StandaloneDefault : null;
    }

    /// <summary>True when the Functions host started us and proxies requests to us.</summary>
    public static bool IsUnderFunctionsHost(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[CustomHandlerPortVariable]);
}
