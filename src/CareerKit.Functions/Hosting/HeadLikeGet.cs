namespace CareerKit.Hosting;

/// <summary>
/// HEAD is answered wherever GET is, as HTTP asks of every server (RFC 9110 §9.3.2): link checkers, monitors and mail
/// scanners use it. The endpoint runs as for GET; the server sends its status and headers and drops the body. The
/// function.json files declare "head" next to "get", so the Functions host passes these requests on.
/// </summary>
internal static class HeadLikeGet
{
    public static void Allow(EndpointBuilder endpoint)
    {
        for (var index = 0; index < endpoint.Metadata.Count; index++)
        {
            if (endpoint.Metadata[index] is HttpMethodMetadata metadata
                && metadata.HttpMethods.Contains(HttpMethods.Get, StringComparer.OrdinalIgnoreCase)
                && !metadata.HttpMethods.Contains(HttpMethods.Head, StringComparer.OrdinalIgnoreCase))
            {
                endpoint.Metadata[index] = new HttpMethodMetadata([.. metadata.HttpMethods, HttpMethods.Head], metadata.AcceptCorsPreflight);
            }
        }
    }
}
