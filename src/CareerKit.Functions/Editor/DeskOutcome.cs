using CareerKit.Newsletter;

namespace CareerKit.Editor;

/// <summary>What an editor's action came to: the thing as it is now, or why not (an HTTP status, a title, a detail, field errors).</summary>
public sealed record DeskOutcome<T>(T? Value, int Status, string? Title = null, string? Detail = null, Dictionary<string, string[]>? Errors = null)
    where T : class
{
    public bool Succeeded => Value is not null && Status < 300;

    /// <summary>When the send gate refused: its errors (the reasons) and warnings.</summary>
    public GateReport? Gate { get; init; }

    public static DeskOutcome<T> Done(T value, int status = StatusCodes.Status200OK) => new(value, status);

    public static DeskOutcome<T> Invalid(string title, Dictionary<string, string[]> errors) => new(null, StatusCodes.Status400BadRequest, title, "Fix the fields listed in errors.", errors);

    public static DeskOutcome<T> Refused(int status, string title, string detail) => new(null, status, title, detail);

    /// <summary>The send gate found errors: 422, with every reason.</summary>
    public static DeskOutcome<T> Blocked(GateReport report) => new(null, StatusCodes.Status422UnprocessableEntity, "The edition cannot be sent yet.",
        $"It fails the send gate: {string.Join(" ", report.Errors.Select(error => error.Message))}") { Gate = report };

    /// <summary>The answer for the JSON API: the value with its ETag, or problem details.</summary>
    public IResult ToHttp(HttpContext context, Func<T, string> etag, Func<T, string> location)
    {
        if (Succeeded && Value is { } value)
        {
            context.Response.Headers.ETag = etag(value);
            return Status == StatusCodes.Status201Created ? TypedResults.Created(location(value), value) : TypedResults.Ok(value);
        }

        if (Gate is { } gate)
        {
            return TypedResults.Problem(statusCode: Status, title: Title, detail: Detail, extensions: new Dictionary<string, object?>
            {
                ["reasons"] = gate.Errors,
                ["warnings"] = gate.Warnings,
            });
        }

        return Errors is { } errors
            ? TypedResults.ValidationProblem(errors, title: Title, detail: Detail)
            : TypedResults.Problem(statusCode: Status, title: Title, detail: Detail);
    }
}
