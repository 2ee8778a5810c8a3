using CareerKit.Hosting;
using CareerKit.Pages;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace CareerKit.Newsletter;

/// <summary>The public archive as functions: the list of past editions, one edition, and the Atom feed.</summary>
public sealed class ArchiveFunctions(EditionStore editions, PageRenderer pages, IOptions<CareerKitOptions> options)
{
    [Function("Archive")]
    public Task<IResult> ArchiveAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "archive")] HttpRequest req, CancellationToken cancellationToken) =>
        ArchivePages.ListAsync(req.HttpContext, editions, pages, cancellationToken);

    /// <summary>archive/feed.xml is a literal route, so routing prefers it over this one.</summary>
    [Function("ArchiveEdition")]
    public Task<IResult> ArchiveEditionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "archive/{editionId}")] HttpRequest req, string editionId, CancellationToken cancellationToken) =>
        ArchivePages.ShowAsync(editionId, req.HttpContext, editions, pages, options, cancellationToken);

    [Function("ArchiveFeed")]
    public Task<IResult> ArchiveFeedAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "archive/feed.xml")] HttpRequest req, CancellationToken cancellationToken) =>
        ArchivePages.FeedAsync(req.HttpContext, editions, options, cancellationToken);
}
