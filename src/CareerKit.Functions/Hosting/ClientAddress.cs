using System.Net;
using Microsoft.Extensions.Options;

namespace CareerKit.Hosting;

/// <summary>
/// The address a request came from, which rate limits count. Behind proxies (under the Functions host, Azure's front
/// end) the socket address is a proxy's, and each trusted proxy appends the address it was reached from to
/// X-Forwarded-For. Only those right-most entries are trusted: everything left of them is whatever the client sent.
/// </summary>
internal static class ClientAddress
{
    public const string ForwardedForHeader = "X-Forwarded-For";

    public static string Of(HttpContext context) => From(
        context.Connection.RemoteIpAddress,
        context.Request.Headers[ForwardedForHeader].ToString(),
        context.RequestServices.GetRequiredService<IOptions<CareerKitOptions>>().Value.TrustedProxyHops);

    /// <param name="trustedHops">How many proxies in front of the app append to X-Forwarded-For (CareerKit:TrustedProxyHops).</param>
    internal static string From(IPAddress? socket, string? forwardedFor, int trustedHops)
    {
        var entries = trustedHops > 0 && forwardedFor is not null
            ? forwardedFor.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : [];
        if (entries.Length == 0)
        {
            return socket?.ToString() ?? "unknown";
        }

        // The entry the outermost trusted proxy appended; with fewer entries than proxies, every entry is a proxy's.
        var entry = entries[Math.Max(0, entries.Length - trustedHops)];

        // Azure's front end appends the client's port too ("203.0.113.7:52144"): a new connection must not be a new client.
        return IPEndPoint.TryParse(entry, out var endpoint) ? endpoint.Address.ToString() : entry;
    }
}
