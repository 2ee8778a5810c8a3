using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CareerKit.LoadTest;

/// <summary>
/// For the editor scenarios: fills the library to <c>tips</c> tips and makes <c>editions</c> editions through the
/// editors' API (each scheduled into its own future week, so the list shows drafts and editions), then signs in
/// once with the form, as a browser does, and hands back the session every worker shares.
/// </summary>
internal static partial class EditorSetup
{
    public static async Task<(CookieContainer Session, IReadOnlyList<string> EditionIds)> PrepareAsync(Uri app, string key, int tips, int editions)
    {
        using var api = new HttpClient { BaseAddress = app, Timeout = TimeSpan.FromMinutes(2) };
        api.DefaultRequestHeaders.Authorization = new("Bearer", key);
        var seeding = Stopwatch.StartNew();

        var library = (await api.GetFromJsonAsync<JsonArray>("/api/editor/tips"))!;
        for (var n = library.Count; n < tips; n++)
        {
            var body = string.Join(' ', Enumerable.Repeat($"Benchmark tip {n} explains one habit that helps engineers ship models and products.", 8));
            var added = await api.PostAsJsonAsync("/api/editor/tips", new { id = $"bench-tip-{n}", title = $"Benchmark tip {n}", tracks = new[] { n % 2 == 0 ? "ml" : "ai" }, topic = "skills", source = "practice", body });
            if (added.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.BadRequest)) // 400: there from an earlier run.
            {
                added.EnsureSuccessStatusCode();
            }
        }

        var ids = new List<string>();
        var existing = (await api.GetFromJsonAsync<JsonArray>("/api/editor/drafts"))!;
        ids.AddRange(existing.Select(draft => draft!["id"]!.GetValue<string>()));
        var mlTips = (await api.GetFromJsonAsync<JsonArray>("/api/editor/tips?track=ml"))!.Select(tip => tip!["id"]!.GetValue<string>()).ToList();
        var aiTips = (await api.GetFromJsonAsync<JsonArray>("/api/editor/tips?track=ai"))!.Select(tip => tip!["id"]!.GetValue<string>()).ToList();
        var firstWeek = new DateTimeOffset(2031, 1, 6, 9, 0, 0, TimeSpan.Zero); // A Monday, years ahead.
        for (var n = ids.Count; n < editions; n++)
        {
            var track = (n % 3) switch { 0 => "ml", 1 => "ai", _ => "both" };
            var pool = track == "ai" ? aiTips : mlTips;
            var draft = new
            {
                track,
                subject = $"Edition {n}: three habits worth building",
                preheader = "Short, practical, weekly",
                intro = $"Hello! This is edition **{n}**. Read on for [three tips](https://example.org/tips/{n}) and a short exercise.",
                tipIds = new[] { pool[n % pool.Count], pool[(n + 1) % pool.Count], pool[(n + 2) % pool.Count] },
            };
            var created = await api.PostAsJsonAsync("/api/editor/drafts", draft);
            created.EnsureSuccessStatusCode();
            var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
            var schedule = new HttpRequestMessage(HttpMethod.Post, $"/api/editor/drafts/{id}/schedule") { Content = JsonContent.Create(new { sendAt = firstWeek.AddDays(7 * (n / 3)) }) };
            schedule.Headers.TryAddWithoutValidation("If-Match", created.Headers.ETag!.ToString());
            (await api.SendAsync(schedule)).EnsureSuccessStatusCode();
            ids.Add(id);
        }

        Console.WriteLine($"editor data: {Math.Max(tips, library.Count)} tips, {ids.Count} editions (seeded in {seeding.Elapsed.TotalSeconds:0.0} s)");
        return (await SignInAsync(app, key), ids);
    }

    private static async Task<CookieContainer> SignInAsync(Uri app, string key)
    {
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = app };
        var form = Antiforgery().Match(await browser.GetStringAsync("/editor/signin"));
        var signedIn = await browser.PostAsync("/editor/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [form.Groups["name"].Value] = WebUtility.HtmlDecode(form.Groups["value"].Value),
            ["returnUrl"] = "/editor",
            ["key"] = key,
        }));
        if (signedIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in answered {(int)signedIn.StatusCode}; check the key.");
        }

        return cookies;
    }

    [GeneratedRegex("""<input type="hidden" name="(?<name>__antiforgery)" value="(?<value>[^"]+)">""")]
    private static partial Regex Antiforgery();
}
