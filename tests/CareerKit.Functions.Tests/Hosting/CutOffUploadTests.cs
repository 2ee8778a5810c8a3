using System.Net.Http.Headers;
using System.Text;
using CareerKit.Tests.Infrastructure;

namespace CareerKit.Tests.Hosting;

/// <summary>A form whose body ends early (a dropped upload) is a 400 asking to send it again, on every endpoint that reads a form.</summary>
public sealed class CutOffUploadTests : IAsyncLifetime
{
    private const string Boundary = "cut-off-boundary";

    /// <summary>Every endpoint that reads a form; the editor's need a signed-in editor (here their key).</summary>
    private static readonly (string Path, bool Editor)[] FormEndpoints =
    [
        ("/api/subscriptions", false),
        ("/api/subscriptions/unsubscribe?token=x", false),
        ("/api/subscriptions/preferences?token=x", false),
        ("/resumes", false),
        ("/api/resumes/ml-engineer", false),
        ("/api/resumes/ml-engineer/review", false),
        ("/editor/signin", false),
        ("/editor/signout", true),
        ("/editor/editions/new", true),
        ("/editor/tips/new", true),
        ("/editor/subscribers/import", true),
        ("/api/editor/subscribers/import", true),
    ];

    private CareerKitApp _app = null!;
    private string _key = null!;

    public async Task InitializeAsync()
    {
        _app = await CareerKitApp.StartAsync();
        _key = await EditorBrowser.AddEditorAsync(_app, EditorBrowser.NewName());
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_multipart_body_without_its_closing_boundary_is_a_400_on_every_form_endpoint()
    {
        // The first field is complete, the second stops mid-value: what arrives when an upload is dropped.
        const string body = $"--{Boundary}\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nAda\r\n--{Boundary}\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\nada@exa";
        var answers = new List<string>();
        foreach (var (path, editor) in FormEndpoints)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={Boundary}");
            if (editor)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _key);
            }

            var response = await _app.Client.SendAsync(request);
            answers.Add($"{path}: {(int)response.StatusCode} {Describe(await response.Content.ReadAsStringAsync())}");
        }

        AssertEachIsACutOff400(answers);
    }

    [Fact]
    public async Task A_body_shorter_than_its_announced_length_is_refused_without_an_error_on_every_form_endpoint()
    {
        // Kestrel cannot answer a client that closed its side, so what shows is the app's log: a 400, not a 500 and an error.
        var sent = 0;
        foreach (var (path, editor) in FormEndpoints)
        {
            foreach (var (contentType, start) in new[]
            {
                ("application/x-www-form-urlencoded", "name=Ada&email=ada%40exa"),
                ($"multipart/form-data; boundary={Boundary}", $"--{Boundary}\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nAd"),
            })
            {
                await CutOffRequest.SendAsync(_app.BaseAddress, path, contentType, start, editor ? _key : null);
                sent++;
            }
        }

        for (var spins = 0; _app.Logs.Lines.Count(line => line.Contains("\" stopped.", StringComparison.Ordinal)) < sent; spins++)
        {
            Assert.True(spins < 6_000, "Kestrel never finished the cut-off requests");
            await Task.Delay(10); // The app finishes each request after the client has gone.
        }

        var errors = _app.Logs.Lines.Where(line => line.StartsWith("Error", StringComparison.Ordinal) || line.Contains("status code 500", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(line => line[..Math.Min(line.Length, 300)])));
    }

    private static void AssertEachIsACutOff400(List<string> answers)
    {
        var wrong = answers.Where(answer => !answer.Contains(": 400 (says cut off)", StringComparison.Ordinal)).ToList();
        Assert.True(wrong.Count == 0, $"Not a 400 saying the upload was cut off:\n{string.Join("\n", wrong)}");
    }

    private static string Describe(string body) => body.Contains("cut off", StringComparison.Ordinal) ? "(says cut off)" : body[..Math.Min(body.Length, 300)].ReplaceLineEndings(" ");
}
