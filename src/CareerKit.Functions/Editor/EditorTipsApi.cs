namespace CareerKit.Editor;

/// <summary>/api/editor/tips: search, add, edit, retire and restore tips. Every change needs the version it was made from (If-Match).</summary>
public static class EditorTipsApi
{
    public const int MaxBodyBytes = 32 * 1024;

    public static IEndpointRouteBuilder MapEditorTipsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/editor/tips").RequireAuthorization(EditorAuthentication.Policy)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxBodyBytes));
        api.MapGet("", async (string? track, string? topic, string? q, bool? retired, TipDesk desk, CancellationToken cancellationToken) =>
            TypedResults.Ok(await desk.SearchAsync(track, topic, q, retired ?? false, cancellationToken)));
        api.MapPost("", async (TipInput input, HttpContext context, TipDesk desk, CancellationToken cancellationToken) =>
            Answer(context, await desk.AddAsync(input, Editor(context), cancellationToken)));
        api.MapGet("/{id}", async (string id, HttpContext context, TipDesk desk, CancellationToken cancellationToken) =>
            await desk.FindAsync(id, cancellationToken) is { } tip
                ? Answer(context, DeskOutcome<TipView>.Done(tip))
                : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such tip.", detail: "See GET /api/editor/tips for the tips there are."));
        api.MapPut("/{id}", async (string id, TipInput input, HttpContext context, TipDesk desk, CancellationToken cancellationToken) =>
            Answer(context, await desk.EditAsync(id, Version(context), input, Editor(context), cancellationToken)));
        api.MapPost("/{id}/retire", async (string id, HttpContext context, TipDesk desk, CancellationToken cancellationToken) =>
            Answer(context, await desk.SetRetiredAsync(id, Version(context), retired: true, Editor(context), cancellationToken)));
        api.MapPost("/{id}/restore", async (string id, HttpContext context, TipDesk desk, CancellationToken cancellationToken) =>
            Answer(context, await desk.SetRetiredAsync(id, Version(context), retired: false, Editor(context), cancellationToken)));
        return app;
    }

    private static IResult Answer(HttpContext context, DeskOutcome<TipView> outcome) =>
        outcome.ToHttp(context, tip => tip.Version, tip => $"/api/editor/tips/{tip.Id}");

    private static string? Version(HttpContext context) => context.Request.Headers.IfMatch.ToString() is { Length: > 0 } version ? version : null;

    private static string Editor(HttpContext context) => context.User.Identity?.Name ?? "?";
}
