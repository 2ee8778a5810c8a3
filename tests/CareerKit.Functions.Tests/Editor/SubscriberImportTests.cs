using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CareerKit.Subscriptions;
using CareerKit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareerKit.Tests.Editor;

/// <summary>CSV import: double opt-in or consented with a source note, per-row errors, and never an address that opted out.</summary>
public sealed class SubscriberImportTests : IAsyncLifetime
{
    private CareerKitApp _app = null!;
    private HttpClient _editor = null!;

    public async Task InitializeAsync()
    {
        _app = await CareerKitApp.StartAsync(new Dictionary<string, string?> { ["CareerKit:TablePrefix"] = $"imp{Guid.NewGuid():N}"[..14] });
        _editor = _app.NewClient();
        _editor.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await EditorBrowser.AddEditorAsync(_app, "importer"));
    }

    public async Task DisposeAsync()
    {
        _editor.Dispose();
        await _app.DisposeAsync();
    }

    private async Task SeedAsync(string email, SubscriberStatus status)
    {
        var now = _app.Time.GetUtcNow();
        var subscriber = new Subscriber { Id = _app.Services.GetRequiredService<AddressHasher>().IdFor(email), Email = email, Track = Track.Ml, Status = status, CreatedAt = now, ConsentedAt = now };
        await _app.Services.GetRequiredService<SubscriberStore>().TryAddAsync(status == SubscriberStatus.Erased ? subscriber.Erase(now) : subscriber, CancellationToken.None);
    }

    private Task<HttpResponseMessage> ImportAsync(string csv, string mode, string? source = null, HttpClient? client = null)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(mode), "mode" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } }, "file", "people.csv" },
        };
        if (source is not null)
        {
            form.Add(new StringContent(source), "source");
        }

        return (client ?? _editor).PostAsync("/api/editor/subscribers/import", form);
    }

    private static List<(int Line, string Message)> Rows(JsonObject report, string kind) =>
        [.. report[kind]!.AsArray().Select(row => (row!["line"]!.GetValue<int>(), row["message"]!.GetValue<string>()))];

    [Fact]
    public async Task Each_new_row_gets_a_confirmation_and_bad_duplicate_or_opted_out_rows_are_reported_by_line()
    {
        var (first, second, confirmed, unsubscribed, suppressed, erased) =
            (CareerKitApp.NewAddress("new1"), CareerKitApp.NewAddress("new2"), CareerKitApp.NewAddress("on"), CareerKitApp.NewAddress("unsub"), CareerKitApp.NewAddress("bounced"), CareerKitApp.NewAddress("erased"));
        await SeedAsync(confirmed, SubscriberStatus.Confirmed);
        await SeedAsync(unsubscribed, SubscriberStatus.Unsubscribed);
        await SeedAsync(suppressed, SubscriberStatus.Suppressed);
        await SeedAsync(erased, SubscriberStatus.Erased);
        var csv = $"""
            Email,First_Name,Track
            {first},Ada,ml
            "{second.Replace("@example.com", "@Example.COM", StringComparison.Ordinal)}","Lin, Jr.",ai
            not-an-address,Bo,ml
            {CareerKitApp.NewAddress("badtrack")},,data
            {first},Ada again,ml
            {confirmed},,ml
            {unsubscribed},,ml
            {suppressed},,ml
            {erased},,ml
            """;

        var response = await ImportAsync(csv, "confirm");
        var report = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(9, report["rows"]!.GetValue<int>());
        Assert.Equal(2, report["confirmationsSent"]!.GetValue<int>());
        Assert.Equal(0, report["added"]!.GetValue<int>());
        Assert.Equal([4, 5], Rows(report, "errors").Select(row => row.Line));
        Assert.Contains("track", Rows(report, "errors")[1].Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal([(6, "The same address is on line 2; imported once."), (7, "Already subscribed.")], Rows(report, "skipped").Take(2));
        Assert.Equal([8, 9, 10], Rows(report, "skipped").Skip(2).Select(row => row.Line));
        Assert.All(Rows(report, "skipped").Skip(2), row => Assert.StartsWith("Not imported", row.Message, StringComparison.Ordinal));
        Assert.Single(_app.SendGrid.EmailsTo(first));
        Assert.Equal(SubscriberStatus.Pending, (await _app.FindSubscriberAsync(first))!.Status);
        Assert.Equal("Lin, Jr.", (await _app.FindSubscriberAsync(second))!.FirstName);
        Assert.Empty(_app.SendGrid.EmailsTo(unsubscribed).Concat(_app.SendGrid.EmailsTo(suppressed)).Concat(_app.SendGrid.EmailsTo(erased)).Concat(_app.SendGrid.EmailsTo(confirmed)));
        Assert.Equal(SubscriberStatus.Erased, (await _app.FindSubscriberAsync(erased))!.Status);
        Assert.Null((await _app.FindSubscriberAsync(erased))!.Email);
        Assert.DoesNotContain(_app.Logs.Lines, message => message.Contains(first, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Consented_people_need_a_source_note_which_is_kept_with_each_and_they_are_mailed_nothing()
    {
        var person = CareerKitApp.NewAddress("meetup");
        var csv = $"email,track\n{person},both\n";

        var withoutSource = await ImportAsync(csv, "consented");
        var imported = await ImportAsync(csv, "consented", "Signed up at the June 2026 meetup");
        var stored = await _app.FindSubscriberAsync(person);
        var export = await _editor.GetStringAsync("/api/editor/subscribers.csv");

        Assert.Equal(HttpStatusCode.BadRequest, withoutSource.StatusCode);
        Assert.True((await withoutSource.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("source"));
        Assert.Equal(1, (await imported.Content.ReadFromJsonAsync<JsonObject>())!["added"]!.GetValue<int>());
        Assert.Equal(SubscriberStatus.Confirmed, stored!.Status);
        Assert.Equal("Signed up at the June 2026 meetup", stored.ConsentSource);
        Assert.Empty(_app.SendGrid.EmailsTo(person));
        Assert.Contains($"{person},,both,confirmed,", export, StringComparison.Ordinal);
        Assert.Contains(",Signed up at the June 2026 meetup", export, StringComparison.Ordinal);
        var audit = await _app.Services.GetRequiredService<CareerKit.Editor.AuditLog>().LatestAsync(5, CancellationToken.None);
        Assert.Contains(audit, entry => entry.Action == "imported subscribers" && entry.Editor == "importer" && !entry.Detail.Contains(person, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("mail,track\nx@example.com,ml\n", "missing email; unknown mail")]
    [InlineData("email,track,phone\nx@example.com,ml,1\n", "unknown phone")]
    [InlineData("", "The file is empty.")]
    public async Task A_file_with_a_wrong_header_imports_nothing_and_says_what_the_header_must_be(string csv, string expected)
    {
        var response = await ImportAsync(csv, "confirm");
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, problem!["errors"]!["file"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(_app.SendGrid.Sent);
    }

    [Fact]
    public async Task A_file_over_5_MB_is_refused_with_the_limit()
    {
        var big = "email,track\n" + new string('x', 5 * 1024 * 1024); // Just over 5 MB: within the request limit, so the file itself is judged.

        var response = await ImportAsync(big, "confirm");

        Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, await response.Content.ReadAsStringAsync());
        Assert.Contains("5 MB", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_app.SendGrid.Sent);
    }

    [Fact]
    public async Task When_email_is_down_the_import_stops_and_running_it_again_later_sends_what_was_not_sent()
    {
        // Email retries wait on the real clock.
        await using var app = await CareerKitApp.StartAsync(new Dictionary<string, string?> { ["CareerKit:TablePrefix"] = $"out{Guid.NewGuid():N}"[..14] }, realClock: true);
        using var editor = app.NewClient();
        editor.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await EditorBrowser.AddEditorAsync(app, "importer"));
        var people = Enumerable.Range(0, 3).Select(i => CareerKitApp.NewAddress($"outage{i}")).ToList();
        var csv = "email,track\n" + string.Concat(people.Select(person => $"{person},ai\n"));
        app.SendGrid.FailAlways(500);

        var during = (await (await ImportAsync(csv, "confirm", client: editor)).Content.ReadFromJsonAsync<JsonObject>())!;
        app.SendGrid.Recover();
        var after = (await (await ImportAsync(csv, "confirm", client: editor)).Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.True(during["stopped"]!.GetValue<bool>());
        Assert.Equal(2, Rows(during, "errors").Single().Line);
        Assert.Equal(3, after["confirmationsSent"]!.GetValue<int>());
        Assert.All(people, person => Assert.Single(app.SendGrid.EmailsTo(person)));
    }

    [Fact]
    public async Task Without_a_key_or_session_the_import_answers_401_or_sends_to_sign_in_and_imports_nothing()
    {
        using var anonymous = _app.NewClient();
        var person = CareerKitApp.NewAddress("anonymous-import");

        var api = await anonymous.PostAsync("/api/editor/subscribers/import?mode=consented&source=x", new StringContent($"email,track\n{person},ml\n", Encoding.UTF8, "text/csv"));
        var page = await anonymous.GetAsync("/editor/subscribers/import");

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/editor/signin", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Null(await _app.FindSubscriberAsync(person));
    }

    [Fact]
    public async Task An_exported_file_imported_elsewhere_brings_back_the_same_addresses_and_names_even_those_that_look_like_formulas()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var people = new (string Email, string? FirstName)[]
        {
            ($"=1+1.{tag}@example.com", "=SUM(A1:A9)"), ($"'=1+1.{tag}@example.com", "'=quoted"), ($"'plain.{tag}@example.com", "'Nella"),
            ($"''two.{tag}@example.com", "@mention"), ($"+plus.{tag}@example.com", "-dash"), ($"-minus.{tag}@example.com", "Ada, Jr."), ($"plain.{tag}@example.com", null), ($"quoted.{tag}@example.com", "'@handle"),
        };
        foreach (var (email, firstName) in people)
        {
            var now = _app.Time.GetUtcNow();
            await _app.Services.GetRequiredService<SubscriberStore>().TryAddAsync(new Subscriber
            {
                Id = _app.Services.GetRequiredService<AddressHasher>().IdFor(email), Email = email, FirstName = firstName, Track = Track.Ai, Status = SubscriberStatus.Confirmed, CreatedAt = now, ConsentedAt = now,
            }, CancellationToken.None);
        }

        await using var elsewhere = await CareerKitApp.StartAsync(new Dictionary<string, string?> { ["CareerKit:TablePrefix"] = $"imp{Guid.NewGuid():N}"[..14] });
        using var editorElsewhere = elsewhere.NewClient();
        editorElsewhere.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await EditorBrowser.AddEditorAsync(elsewhere, "importer"));
        var exported = await _editor.GetStringAsync("/api/editor/subscribers.csv");

        var imported = await ImportAsync(exported, "consented", "Moved from the old install", editorElsewhere);
        var exportedAgain = await editorElsewhere.GetStringAsync("/api/editor/subscribers.csv");

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(people.Length, (await imported.Content.ReadFromJsonAsync<JsonObject>())!["added"]!.GetValue<int>());
        foreach (var (email, firstName) in people)
        {
            var person = await elsewhere.FindSubscriberAsync(email);
            Assert.True(person is not null, $"{email} was not imported as itself");
            Assert.Equal((email, firstName, Track.Ai), (person.Email, person.FirstName, person.Track));
        }

        static IEnumerable<string> Identity(string csv) => csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => string.Join(',', line.Split(',').Take(3))).Order();
        Assert.Equal(Identity(exported), Identity(exportedAgain));
    }

    [Fact]
    public async Task A_text_csv_body_with_the_mode_in_the_query_imports_too()
    {
        var person = CareerKitApp.NewAddress("textcsv");

        var response = await _editor.PostAsync("/api/editor/subscribers/import?mode=consented&source=Conference%20list", new StringContent($"email,track\n{person},ai\n", Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Conference list", (await _app.FindSubscriberAsync(person))!.ConsentSource);
    }

    [Fact]
    public async Task The_import_page_takes_a_file_with_its_token_and_shows_the_report_or_inline_errors()
    {
        using var browser = new EditorBrowser(_app);
        await browser.SignInAsync(await EditorBrowser.AddEditorAsync(_app, EditorBrowser.NewName()));
        var (field, token) = await browser.FormTokenAsync("/editor/subscribers/import");
        MultipartFormDataContent Form(string? csv, string mode) => new()
        {
            { new StringContent(token), field },
            { new StringContent(mode), "mode" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv ?? "")), "file", "people.csv" },
        };

        var noFile = await browser.Client.PostAsync("/editor/subscribers/import", Form(null, "consented"));
        var noFileHtml = await noFile.Content.ReadAsStringAsync();
        var imported = await browser.Client.PostAsync("/editor/subscribers/import", Form($"email,first_name,track\n{CareerKitApp.NewAddress("page")},Kai,ml\nbroken,,ml\n", "confirm"));
        var report = await imported.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
        Assert.Contains("id=\"file-error\">Choose a CSV file to import.", noFileHtml, StringComparison.Ordinal);
        Assert.Contains("id=\"source-error\">Say where these people gave their consent", noFileHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Contains("0 added as consented, 1 sent a confirmation email, 0 skipped, 1 with errors, of 2 rows.", report, StringComparison.Ordinal);
        Assert.Contains("<tr><td>3</td>", report, StringComparison.Ordinal);
    }
}
