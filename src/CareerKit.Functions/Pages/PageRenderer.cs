using CareerKit.Rendering;

namespace CareerKit.Pages;

/// <summary>Server-rendered HTML pages: a page template inside the shared layout.</summary>
public sealed class PageRenderer(TemplateLibrary templates)
{
    /// <summary>A page in the reading column (40rem): the public pages, error pages and the editor sign-in.</summary>
    public IResult Page(string name, string title, object model, int status = StatusCodes.Status200OK) => Render(name, title, model, status, desk: false);

    /// <summary>
    /// An editor desk page: as wide as the screen, for tables of figures and the tip picker; its prose and form fields
    /// keep a readable measure (the stylesheet's <c>body.desk</c> rules).
    /// </summary>
    public IResult DeskPage(string name, string title, object model, int status = StatusCodes.Status200OK) => Render(name, title, model, status, desk: true);

    private IResult Render(string name, string title, object model, int status, bool desk)
    {
        var body = templates.RenderHtml($"pages/{name}.liquid", model);
        var html = templates.RenderHtml("pages/_layout.liquid", new { Title = title, Body = body, Desk = desk });
        return Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
    }

    public IResult Error(int status, string title, string detail) =>
        Page("error", title, new { Title = title, Detail = detail, Status = status }, status);
}

internal static class PagesRegistration
{
    public static IServiceCollection AddPages(this IServiceCollection services)
    {
        services.AddSingleton(_ => new TemplateLibrary(TemplateLibrary.DefaultRoot));
        services.AddSingleton<PageRenderer>();
        return services;
    }
}
