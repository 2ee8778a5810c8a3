using Microsoft.AspNetCore.Http.Features;

namespace CareerKit.Hosting;

/// <summary>
/// Reads a posted form, for every endpoint that takes one. A body that ends before it is complete (a dropped upload,
/// a multipart body without its closing boundary) is not our error: it becomes <see cref="UploadCutOffException"/>,
/// which <see cref="UnexpectedErrorHandler"/> answers with a 400 asking to send it again.
/// </summary>
public static class FormBody
{
    public static Task<IFormCollection> ReadAsync(HttpRequest request, CancellationToken cancellationToken) => ReadAsync(request, null, cancellationToken);

    /// <param name="limits">This endpoint's own limits, when they differ from the app's (a file upload).</param>
    public static async Task<IFormCollection> ReadAsync(HttpRequest request, FormOptions? limits, CancellationToken cancellationToken)
    {
        try
        {
            // The form is kept by the request: a later read (the antiforgery check's) gets this copy.
            return limits is null ? await request.ReadFormAsync(cancellationToken) : await request.ReadFormAsync(limits, cancellationToken);
        }
        catch (BadHttpRequestException cutOff) when (cutOff.StatusCode == StatusCodes.Status400BadRequest)
        {
            throw new UploadCutOffException(cutOff); // Kestrel: the body ended before its Content-Length, or its chunks were broken.
        }
        catch (IOException cutOff) when (cutOff is not BadHttpRequestException)
        {
            throw new UploadCutOffException(cutOff); // The multipart reader found the end of the body before the closing boundary.
        }
    }
}

/// <summary>The request body ended before all of it arrived.</summary>
public sealed class UploadCutOffException(Exception inner) : Exception("The request body ended before it was complete.", inner);
