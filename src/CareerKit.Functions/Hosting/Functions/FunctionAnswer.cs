namespace CareerKit.Hosting;

/// <summary>
/// What an HTTP function answered, as either mode writes it: its result executed, a failure while writing it turned
/// into the error answer, and a bare status code (a 404 or 409 with no body) given a body a person can read: a page for
/// browsers, problem details for API clients.
/// </summary>
internal sealed class FunctionAnswer(object? answer, UnexpectedErrorHandler errors) : IResult
{
    public object? Inner => answer;

    public async Task ExecuteAsync(HttpContext context)
    {
        try
        {
            await (answer switch
            {
                IResult result => result.ExecuteAsync(context),
                null => Task.CompletedTask,
                var value => TypedResults.Json(value).ExecuteAsync(context),
            });
        }
        catch (Exception failure) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            context.Response.Clear();
            await errors.Answer(context, failure).ExecuteAsync(context);
            return;
        }

        var response = context.Response;
        if (response.StatusCode >= 400 && !response.HasStarted && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
        {
            await StatusCodeResponses.WriteAsync(context);
        }
    }
}
