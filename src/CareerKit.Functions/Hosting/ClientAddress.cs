namespace CareerKit.Hosting;

/// <summary>
/// The address a request came from. Under the Functions host every request arrives from the host on
/// loopback, so the platform's X-Forwarded-For names the real client; standalone we use the socket.
/// </summary>
internal static class ClientAddress
{
    public static string Of(HttpContext context)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (remote is not null && System.Net.IPAddress.IsLoopback(remote) && ListeningAddress.IsUnderFunctionsHost(context.RequestServices.GetRequiredService<IConfiguration>()))
        {
            var forwarded = context.Request.Headers["X-Forwarded-For"].ToString();
            var first = forwarded.Split(',', 2)[0].Trim();
            if (first.Length > 0)
            {
                return first;
            }
        }

        return remote?.ToString() ?? "unknown";
    }
}
