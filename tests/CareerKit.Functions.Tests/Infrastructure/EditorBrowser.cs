using System.Net;
using System.Text.RegularExpressions;
using CareerKit.Editor;
using Microsoft.Extensions.DependencyInjection;

namespace CareerKit.Tests.Infrastructure;

/// <summary>An editor's HTTP session against the app: cookies kept, redirects not followed, forms sent with their antiforgery token.</summary>
public sealed partial class EditorBrowser : IDisposable
{
    public EditorBrowser(CareerKitApp app) =>
        Client = new(new SocketsHttpHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };

    public HttpClient Client { get; }

    /// <summary>The cookies this browser holds: the session cookie can be copied from here to replay it.</summary>
    public CookieContainer Cookies { get; } = new();

    /// <summary>Issues a key the way `careerkit editors add NAME` does, and returns it.</summary>
    public static async Task<string> AddEditorAsync(CareerKitApp app, string name)
    {
        using var output = new StringWriter();
        var exit = await EditorCommands.RunAsync(["editors", "add", name], app.Services.GetRequiredService<EditorKeys>(), app.Services.GetRequiredService<AuditLog>(), output, TextWriter.Null, CancellationToken.None);
        Assert.Equal(EditorCommands.Ok, exit);
        return output.ToString().Trim().Split('\n')[^1].Trim();
    }

    public static string NewName() => $"ed-{Guid.NewGuid():N}"[..20];

    public async Task<HttpResponseMessage> SignInAsync(string key, string returnUrl = "/editor")
    {
        var form = await FormTokenAsync("/editor/signin");
        return await Client.PostAsync("/editor/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [form.Field] = form.Token,
            ["returnUrl"] = returnUrl,
            ["key"] = key,
        }));
    }

    /// <summary>The antiforgery field of the form on a page (and its cookie, now in this session).</summary>
    public async Task<(string Field, string Token)> FormTokenAsync(string page)
    {
        var html = await Client.GetStringAsync(page);
        var match = AntiforgeryInput().Match(html);
        Assert.True(match.Success, $"No antiforgery field on {page}");
        return (match.Groups["name"].Value, WebUtility.HtmlDecode(match.Groups["value"].Value));
    }

    /// <summary>Posts a form the way a browser does from <paramref name="page"/>: its antiforgery token, then the fields (a name may repeat).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string page, string action, params (string Name, string Value)[] fields)
    {
        var (field, token) = await FormTokenAsync(page);
        return await Client.PostAsync(action, new FormUrlEncodedContent([new(field, token), .. fields.Select(pair => new KeyValuePair<string, string>(pair.Name, pair.Value))]));
    }

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("""<input type="hidden" name="(?<name>__antiforgery)" value="(?<value>[^"]+)">""")]
    private static partial Regex AntiforgeryInput();
}
