namespace CareerKit.Hosting;

/// <summary>Waiting for a request's body without reading it.</summary>
public static class RequestBody
{
    /// <summary>
    /// Returns once the whole body has arrived, leaving it unread in the server's pooled buffers (Kestrel keeps up to
    /// 1 MB per request). A request that must wait its turn (a PDF render) waits this way: holding bytes the server
    /// reuses, not a parsed document, and a slow upload never holds the turn.
    /// </summary>
    public static async Task ArrivedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var reader = request.BodyReader;
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync(cancellationToken);
                if (read.IsCompleted || read.IsCanceled)
                {
                    reader.AdvanceTo(read.Buffer.Start);
                    return;
                }

                reader.AdvanceTo(read.Buffer.Start, read.Buffer.End); // Nothing consumed; all of it examined: wait for more.
            }
        }
        catch (BadHttpRequestException cutOff) when (cutOff.StatusCode == StatusCodes.Status400BadRequest)
        {
            throw new UploadCutOffException(cutOff); // The body ended before its Content-Length.
        }
    }
}
