using CareerKit.Hosting;
using CareerKit.Pages;
using Microsoft.AspNetCore.Antiforgery;

namespace CareerKit.Editor;

/// <summary>
/// CSV import: the page /editor/subscribers/import and POST /api/editor/subscribers/import (multipart with file, mode
/// and source, or a text/csv body with ?mode=&amp;source=). Both answer with the report of every row not added.
/// Called by <see cref="EditorSubscriberFunctions"/>.
/// </summary>
public static class SubscriberImportEndpoints
{
    public const long MaxRequestBytes = SubscriberImport.MaxBytes + 64 * 1024; // The file plus the form around it.

    /// <summary>The app's forms are small; this one carries a file of up to 5 MB.</summary>
    private static readonly Microsoft.AspNetCore.Http.Features.FormOptions ImportForm = new() { MultipartBodyLengthLimit = MaxRequestBytes, ValueCountLimit = 16 };

    public static IResult Show(HttpContext context, IAntiforgery antiforgery, PageRenderer pages) =>
        Page(context, antiforgery, pages, null, null, null, StatusCodes.Status200OK);

    public static async Task<IResult> ImportFromApiAsync(HttpContext context, string? mode, string? source, SubscriberImport import)
    {
        Stream csv;
        if (context.Request.HasFormContentType)
        {
            var form = await FormBody.ReadAsync(context.Request, ImportForm, context.RequestAborted);
            (mode, source) = (form["mode"].ToString(), form["source"].ToString());
            if (form.Files["file"] is not { } file)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Attach the CSV file as the form field \"file\"."] }, title: "No file.");
            }

            if (file.Length > SubscriberImport.MaxBytes)
            {
                return TooLarge();
            }

            csv = file.OpenReadStream();
        }
        else if (context.Request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true)
        {
            csv = context.Request.Body;
        }
        else
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send a CSV file.",
                detail: "Send multipart/form-data with file, mode and source, or a text/csv body with ?mode=confirm|consented&source=….");
        }

        var parsedMode = ParseMode(mode);
        if (SubscriberImport.CheckRequest(parsedMode, source) is { Count: > 0 } problems)
        {
            return TypedResults.ValidationProblem(problems, title: "The import cannot start.");
        }

        await using (csv)
        {
            var (report, headerProblem) = await import.RunAsync(csv, parsedMode!.Value, source, EditorForms.Editor(context), context.RequestAborted);
            return report is null
                ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [headerProblem!] }, title: "The file's header is wrong.")
                : TypedResults.Ok(report);
        }
    }

    public static async Task<IResult> ImportFromPageAsync(HttpContext context, IAntiforgery antiforgery, PageRenderer pages, SubscriberImport import)
    {
        if (await EditorForms.ReadAsync(context, antiforgery, ImportForm) is not { } form)
        {
            return EditorForms.Expired(pages);
        }

        var mode = ParseMode(form["mode"]);
        var source = form["source"].ToString();
        var problems = SubscriberImport.CheckRequest(mode, source);
        var file = form.Files["file"];
        if (file is null || file.Length == 0)
        {
            problems["file"] = ["Choose a CSV file to import."];
        }
        else if (file.Length > SubscriberImport.MaxBytes)
        {
            problems["file"] = [$"The file is {file.Length / (1024.0 * 1024):0.0} MB; an import takes at most {SubscriberImport.MaxBytes / (1024 * 1024)} MB. Split it."];
        }

        if (problems.Count > 0)
        {
            return Page(context, antiforgery, pages, new { Mode = form["mode"].ToString(), Source = source }, problems, null, StatusCodes.Status400BadRequest);
        }

        await using var csv = file!.OpenReadStream();
        var (report, headerProblem) = await import.RunAsync(csv, mode!.Value, source, EditorForms.Editor(context), context.RequestAborted);
        return report is null
            ? Page(context, antiforgery, pages, new { Mode = form["mode"].ToString(), Source = source }, new() { ["file"] = [headerProblem!] }, null, StatusCodes.Status400BadRequest)
            : Page(context, antiforgery, pages, null, null, report, StatusCodes.Status200OK);
    }

    private static ImportMode? ParseMode(string? mode) => mode switch
    {
        "confirm" => ImportMode.Confirm,
        "consented" => ImportMode.Consented,
        _ => null,
    };

    private static IResult TooLarge() => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The file is too large.",
        detail: $"An import takes at most {SubscriberImport.MaxBytes / (1024 * 1024)} MB. Split the file.");

    private static IResult Page(HttpContext context, IAntiforgery antiforgery, PageRenderer pages, object? values, Dictionary<string, string[]>? errors, ImportReport? report, int status)
    {
        var form = EditorForms.Token(context, antiforgery);
        string? Error(string field) => errors?.GetValueOrDefault(field)?.FirstOrDefault();
        return pages.DeskPage("editor-import", "Import subscribers", new
        {
            Editor = EditorForms.Editor(context),
            SignOut = form,
            Form = form,
            Values = values ?? new { Mode = "confirm", Source = "" },
            HasErrors = errors is { Count: > 0 },
            ErrorList = errors?.Select(error => new { Field = error.Key, Message = error.Value.FirstOrDefault() }) ?? [],
            Errors = new { File = Error("file"), Mode = Error("mode"), Source = Error("source") },
            Report = report,
            SubscriberImport.MaxRows,
        }, status);
    }
}
