using Microsoft.Azure.Functions.Worker;

namespace CareerKit.Newsletter;

/// <summary>The "Useful" / "Not for me" links under each tip: GET shows the question, the page's buttons POST the answer.</summary>
public sealed class FeedbackFunctions(FeedbackPages pages)
{
    [Function("TipFeedback")]
    public Task<IResult> FeedbackAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = FeedbackLinks.Path)] HttpRequest req, CancellationToken cancellationToken) =>
        HttpMethods.IsPost(req.Method) ? pages.AnswerAsync(req, cancellationToken) : pages.ShowAsync(req, cancellationToken);
}
