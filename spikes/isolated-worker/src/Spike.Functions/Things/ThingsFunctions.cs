using Microsoft.Azure.Functions.Worker;
using Spike.Hosting;

namespace Spike.Things;

/// <summary>
/// HTTP functions: one per route, thin, returning IResult. Services come through the constructor (the worker's
/// activator and standalone both build the class per call from the request's services).
/// </summary>
public sealed class ThingsFunctions(InvocationJournal journal)
{
    [Function("GetThing")]
    [RequiresEditor]
    [BodyLimit(16384)]
    public async Task<IResult> GetThing(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "api/things/{id}")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        var body = HttpMethods.IsPost(req.Method) ? await new StreamReader(req.Body).ReadToEndAsync(cancellationToken) : "";
        journal.Record("GetThing", id);
        return TypedResults.Ok(new { id, method = req.Method, bodyLength = body.Length });
    }

    [Function("Signup")]
    [RateLimited("signup")]
    public IResult Signup([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/signup")] HttpRequest req)
    {
        journal.Record("Signup", req.Headers.ContentType.ToString());
        return TypedResults.Accepted((string?)null);
    }

    [Function("Fails")]
    public IResult Fails([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/fails")] HttpRequest req) =>
        throw new InvalidOperationException("A bug, with a detail the caller must not see.");
}
