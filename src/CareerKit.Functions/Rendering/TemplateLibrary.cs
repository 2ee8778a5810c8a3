using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using Fluid;

namespace CareerKit.Rendering;

/// <summary>
/// The Liquid templates under templates/, parsed once. HTML is rendered with an HTML encoder, so every
/// value from outside is escaped unless a template explicitly asks for it raw.
/// </summary>
public sealed class TemplateLibrary
{
    private static readonly FluidParser Parser = new();

    // Escapes markup characters but leaves letters of every script readable (Zoë, not Zo&#xEB;).
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
    private readonly ConcurrentDictionary<string, IFluidTemplate> _parsed = new(StringComparer.Ordinal);
    private readonly TemplateOptions _options;

    public TemplateLibrary(string root)
    {
        Root = root;
        _options = new TemplateOptions
        {
            MemberAccessStrategy = new UnsafeMemberAccessStrategy { MemberNameStrategy = MemberNameStrategies.CamelCase },
            // Partials ({% render 'pages/_name' %}) are read from the same folder.
            FileProvider = Directory.Exists(root) ? new Microsoft.Extensions.FileProviders.PhysicalFileProvider(Path.GetFullPath(root)) : new Microsoft.Extensions.FileProviders.NullFileProvider(),
        };
    }

    public string Root { get; }

    /// <summary>Escapes a value for HTML exactly as the templates do.</summary>
    public static string HtmlEscape(string value) => Html.Encode(value);

    public static string DefaultRoot => Path.Combine(AppContext.BaseDirectory, "templates");

    public string RenderHtml(string path, object model) => Render(path, model, Html);

    /// <summary>Plain text: no HTML escaping, for the text/plain part of emails.</summary>
    public string RenderText(string path, object model) => Render(path, model, NullEncoder.Default);

    private string Render(string path, object model, TextEncoder encoder)
    {
        var template = _parsed.GetOrAdd(path, Parse);
        var context = new TemplateContext(model, _options);
        return template.Render(context, encoder);
    }

    private IFluidTemplate Parse(string path)
    {
        var file = Path.Combine(Root, path);
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"Template '{path}' is missing from {Root}.", file);
        }

        return Parser.TryParse(File.ReadAllText(file), out var template, out var error)
            ? template
            : throw new InvalidOperationException($"Template '{path}' does not parse: {error}");
    }
}
