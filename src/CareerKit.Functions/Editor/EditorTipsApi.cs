using CareerKit.Hosting;

namespace CareerKit.Editor;

/// <summary>
/// The handlers of /api/editor/tips (<see cref="EditorTipApiFunctions"/>): search, add, edit, retire and restore tips.
/// Every change needs the version it was made from (If-Match).
/// </summary>
public static class EditorTipsApi
{
    public const int MaxBodyBytes = 32 * 1024;

    /// <summary>?track=&amp;topic=&amp;q=&amp;retired=true|false; a retired value that is not true or false is a 400.</summary>
    public static async Task<IResult> SearchAsync(HttpRequest request, TipDesk desk, CancellationToken cancellationToken)
    {
        if (!QueryValues.TryParse<bool>(request, "retired", out var retired, out var problem))
        {
            return problem;
        }

        var query = request.Query;
        return TypedResults.Ok(await desk.SearchAsync(query["track"], query["topic"], query["q"], retired ?? false, cancellationToken));
    }

    public static async Task<IResult> AddAsync(HttpRequest request, TipDesk desk, CancellationToken cancellationToken)
    {
        var input = await EditorApiRequest.ReadAsync<TipInput>(request, cancellationToken);
        return Answer(request, await desk.AddAsync(input, EditorApiRequest.Editor(request), cancellationToken));
    }

    public static async Task<IResult> FindAsync(string id, HttpRequest request, TipDesk desk, CancellationToken cancellationToken) =>
        await desk.FindAsync(id, cancellationToken) is { } tip
            ? Answer(request, DeskOutcome<TipView>.Done(tip))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such tip.", detail: "See GET /api/editor/tips for the tips there are.");

    public static async Task<IResult> EditAsync(string id, HttpRequest request, TipDesk desk, CancellationToken cancellationToken)
    {
        var input = await EditorApiRequest.ReadAsync<TipInput>(request, cancellationToken);
        return Answer(request, await desk.EditAsync(id, EditorApiRequest.Version(request), input, EditorApiRequest.Editor(request), cancellationToken));
    }

    public static async Task<IResult> SetRetiredAsync(string id, bool retired, HttpRequest request, TipDesk desk, CancellationToken cancellationToken) =>
        Answer(request, await desk.SetRetiredAsync(id, EditorApiRequest.Version(request), retired, EditorApiRequest.Editor(request), cancellationToken));

    private static IResult Answer(HttpRequest request, DeskOutcome<TipView> outcome) =>
        outcome.ToHttp(request.HttpContext, tip => tip.Version, tip => $"/api/editor/tips/{tip.Id}");
}
