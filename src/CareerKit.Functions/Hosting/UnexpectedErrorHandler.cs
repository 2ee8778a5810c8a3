using CareerKit.Email;
using CareerKit.Pages;
using CareerKit.Pdf.Document;
using CareerKit.Resumes;

namespace CareerKit.Hosting;

/// <summary>
/// The one place that turns exceptions into answers: outages of storage or the email provider become
/// 503 with Retry-After, oversize or malformed requests keep their 4xx, anything else is a 500 with an id whose
/// details stay in the log. <see cref="FunctionRules"/> asks it in both modes.
/// </summary>
public sealed partial class UnexpectedErrorHandler(PageRenderer pages, ILogger<UnexpectedErrorHandler> logger)
{
    public const int RetryAfterSeconds = 30;

    public IResult Answer(HttpContext context, Exception exception)
    {
        var (status, title, detail) = Classify(context, exception);
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            var seconds = exception is PdfRendersBusyException busy ? busy.RetryAfterSeconds : RetryAfterSeconds;
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return ClientKind.WantsHtml(context.Request)
            ? pages.Error(status, title, detail)
            : TypedResults.Problem(statusCode: status, title: title, detail: detail);
    }

    private (int Status, string Title, string Detail) Classify(HttpContext context, Exception exception)
    {
        switch (exception)
        {
            case BadHttpRequestException { InnerException: System.Text.Json.JsonException json }:
                return (StatusCodes.Status400BadRequest, "The JSON body could not be read.", json.Path is { Length: > 1 } path
                    ? $"The body is not valid JSON, or the value at {path} has the wrong type or format (dates are written like 2026-12-01T09:00:00+01:00)."
                    : "The body is not valid JSON.");
            case BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } missing when missing.Message.Contains("was not provided from body", StringComparison.Ordinal):
                return (StatusCodes.Status400BadRequest, "The request has no body.", "Send a JSON object in the body.");
            case BadHttpRequestException bad:
                return (bad.StatusCode, "The request could not be read.", bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? $"The request body is too large: this address takes at most {Size(context)}."
                    : "The request was malformed.");
            case UploadCutOffException:
                return (StatusCodes.Status400BadRequest, "The upload was cut off.",
                    "The request ended before all of it arrived. Please send it again.");
            case PageLimitExceededException tooLong:
                // Too much content, not malformed content: the resume is understood and refused for its length.
                return (StatusCodes.Status422UnprocessableEntity, "The resume is too long.",
                    $"It would run past {tooLong.MaxPages} pages, and a PDF can have at most {tooLong.MaxPages} pages. Shorten it and send it again.");
            case PdfRendersBusyException busy:
                return (StatusCodes.Status503ServiceUnavailable, "PDF rendering is busy.",
                    $"Every PDF renderer is busy with other resumes. Please try again in {busy.RetryAfterSeconds} seconds.");
            case InvalidDataException:
                // Raised by the form reader: too many fields, a field too long, a broken multipart body.
                return (StatusCodes.Status400BadRequest, "The form could not be read.",
                    "The form has too many fields, a field that is too long, or a broken encoding.");
            case EmailProviderUnavailableException:
                LogEmailOutage(logger, exception.GetType().Name);
                return (StatusCodes.Status503ServiceUnavailable, "Email is temporarily unavailable.",
                    $"We could not send your email just now. Nothing was lost; please try again in {RetryAfterSeconds} seconds.");
            case var _ when StorageFailure.IsOutage(exception, context.RequestAborted):
                LogStorageOutage(logger, exception.GetType().Name);
                return (StatusCodes.Status503ServiceUnavailable, "CareerKit is temporarily unavailable.",
                    $"Our storage did not answer. Nothing was saved; please try again in {RetryAfterSeconds} seconds.");
            default:
                LogUnexpected(logger, exception, context.TraceIdentifier);
                return (StatusCodes.Status500InternalServerError, "Something went wrong on our side.",
                    $"The error has been logged with id {context.TraceIdentifier}.");
        }
    }

    private static string Size(HttpContext context)
    {
        var bytes = RequestLimits.Of(context);
        return bytes >= 1024 * 1024 ? $"{bytes / (1024 * 1024)} MB" : $"{bytes / 1024} KB";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage unavailable ({ExceptionType}); answered 503")]
    private static partial void LogStorageOutage(ILogger logger, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email provider unavailable ({ExceptionType}); answered 503")]
    private static partial void LogEmailOutage(ILogger logger, string exceptionType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error, id {ErrorId}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string errorId);
}
