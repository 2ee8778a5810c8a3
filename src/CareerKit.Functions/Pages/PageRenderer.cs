using CareerKit.Rendering;

namespace CareerKit.Pages;

/// <summary>Server-rendered HTML pages: a page template inside the shared layout.</summary>
public sealed class PageRenderer(TemplateLibrary templates)
{
    public IResult Page(string name, string title, object model, int status = StatusCodes.Status200OK)
    {
        var body = templates.RenderHtml($"pages/{name}.liquid", model);
        var html = templates.RenderHtml("pages/_layout.liquid", new { Title = title, Body = body });
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
