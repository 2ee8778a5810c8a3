using System.Net;
using System.Text.Json.Nodes;
using CareerKit.Hosting;
using CareerKit.Hosting.Standalone;
using CareerKit.Newsletter;
using CareerKit.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CareerKit.Tests.Hosting;

/// <summary>
/// functions.metadata, which the Worker SDK generates from the [Function] methods, is what the Functions host runs.
/// Standalone must serve, schedule and poll exactly what it declares, with the same routes, methods, schedules and
/// queues, and nothing else; and it declares every function the app had under the custom handler.
/// </summary>
public sealed class FunctionParityTests
{
    private static readonly string Output = Path.GetDirectoryName(typeof(CareerKitHostExtensions).Assembly.Location)!;

    /// <summary>Today's functions, as the custom handler's function.json files declared them: none may go missing or move.</summary>
    private static readonly string[] Expected =
    [
        "Archive archive GET,HEAD", "ArchiveEdition archive/{editionId} GET,HEAD", "ArchiveFeed archive/feed.xml GET,HEAD",
        "ConfirmSubscription api/subscriptions/confirm GET,HEAD,POST", "DataLinks api/subscriptions/data-links POST",
        "EditorApiAudit api/editor/audit GET,HEAD", "EditorApiEditions api/editor/editions GET,HEAD",
        "EditorApiSubscribers api/editor/subscribers GET,HEAD", "EditorApiSubscribersCsv api/editor/subscribers.csv GET,HEAD",
        "EditorApiSubscribersImport api/editor/subscribers/import POST", "EditorApiTip api/editor/tips/{id} GET,HEAD,PUT",
        "EditorApiTipRestore api/editor/tips/{id}/restore POST", "EditorApiTipRetire api/editor/tips/{id}/retire POST",
        "EditorApiTips api/editor/tips GET,HEAD,POST", "EditorAudit editor/audit GET,HEAD", "EditorDraft api/editor/drafts/{id} GET,HEAD,PUT",
        "EditorDraftCancel api/editor/drafts/{id}/cancel POST", "EditorDraftPreview api/editor/drafts/{id}/preview GET,HEAD",
        "EditorDraftSchedule api/editor/drafts/{id}/schedule POST", "EditorDraftTest api/editor/drafts/{id}/test POST",
        "EditorDraftUnschedule api/editor/drafts/{id}/unschedule POST", "EditorDrafts api/editor/drafts GET,HEAD,POST",
        "EditorEdition editor/editions/{id} GET,HEAD,POST", "EditorEditionCancel editor/editions/{id}/cancel POST",
        "EditorEditionNew editor/editions/new GET,HEAD,POST", "EditorEditionPreview editor/editions/{id}/preview GET,HEAD",
        "EditorEditionSchedule editor/editions/{id}/schedule POST", "EditorEditionTest editor/editions/{id}/test POST",
        "EditorEditionUnschedule editor/editions/{id}/unschedule POST", "EditorHome editor GET,HEAD",
        "EditorSignIn editor/signin GET,HEAD,POST", "EditorSignOut editor/signout POST", "EditorSubscribers editor/subscribers GET,HEAD",
        "EditorSubscribersCsv editor/subscribers.csv GET,HEAD", "EditorSubscribersImport editor/subscribers/import GET,HEAD,POST",
        "EditorTip editor/tips/{id} GET,HEAD,POST", "EditorTipNew editor/tips/new GET,HEAD,POST", "EditorTipRestore editor/tips/{id}/restore POST",
        "EditorTipRetire editor/tips/{id}/retire POST", "EditorTips editor/tips GET,HEAD", "EraseData api/subscriptions/erase GET,HEAD,POST",
        "ExportData api/subscriptions/export GET,HEAD", "Health api/health GET,HEAD", "Preferences api/subscriptions/preferences GET,HEAD,POST",
        "Resume api/resumes/{track} GET,HEAD,POST", "ResumePreview api/resumes/{track}/preview.png GET,HEAD",
        "ResumeReview api/resumes/{track}/review POST", "ResumeImport api/resumes/import POST", "ResumesPage resumes GET,HEAD,POST", "SendGridEvents api/sendgrid/events POST",
        "SignupPage {ignored:maxlength(0)?} GET,HEAD", "Subscribe api/subscriptions POST", "Unsubscribe api/subscriptions/unsubscribe GET,HEAD,POST",
    ];

    private sealed record Declared(string Name, string EntryPoint, string ScriptFile, JsonObject Trigger)
    {
        public string Type => Trigger["type"]!.GetValue<string>();

        public string Route => Trigger["route"]?.GetValue<string>() ?? Name;

        public IReadOnlyList<string> Methods => Trigger["methods"]!.AsArray().Select(method => method!.GetValue<string>().ToUpperInvariant()).ToList();
    }

    private static List<Declared> Metadata() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Output, "functions.metadata")))!.AsArray().Select(function => new Declared(
            function!["name"]!.GetValue<string>(),
            function["entryPoint"]!.GetValue<string>(),
            function["scriptFile"]!.GetValue<string>(),
            function["bindings"]!.AsArray().Single(binding => binding!["direction"]!.GetValue<string>() == "In")!.AsObject())).ToList();

    private static IEnumerable<Declared> Http => Metadata().Where(function => function.Type == "httpTrigger");

    [Fact]
    public void Functions_metadata_declares_every_function_the_app_had_with_its_route_and_methods_and_anonymous_access()
    {
        var declared = Http.Select(function => $"{function.Name} {function.Route} {string.Join(',', function.Methods)}").Order(StringComparer.Ordinal);

        Assert.Equal(Expected.Order(StringComparer.Ordinal), declared);
        Assert.All(Http, function => Assert.Equal("Anonymous", function.Trigger["authLevel"]!.GetValue<string>()));
        Assert.Equal(["DispatchScheduled", "SendBatch", "SignupEmails", "TailoredResumeSweep", "WeeklyTips"],
            Metadata().Where(function => function.Type != "httpTrigger").Select(function => function.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_catalog_both_modes_use_is_exactly_what_functions_metadata_declares()
    {
        var catalog = FunctionCatalog.ForApp.All.Select(function => (function.Name, function.EntryPoint)).Order().ToList();

        Assert.Equal(Metadata().Select(function => (function.Name, function.EntryPoint)).Order().ToList(), catalog);
        Assert.All(Metadata(), function => Assert.Equal("CareerKit.Functions.dll", function.ScriptFile));
    }

    [Fact]
    public async Task Standalone_serves_each_declared_http_function_on_its_route_and_methods_and_nothing_undeclared()
    {
        await using var app = await CareerKitApp.StartAsync();
        var served = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(endpoint => endpoint.Metadata.GetRequiredMetadata<HttpMethodMetadata>().HttpMethods.Select(method => $"{method} {endpoint.RoutePattern.RawText!.TrimStart('/')}"))
            .Order(StringComparer.Ordinal);

        var declared = Http.SelectMany(function => function.Methods.Select(method => $"{method} {function.Route}")).Order(StringComparer.Ordinal);

        Assert.Equal(declared, served);
    }

    [Fact]
    public async Task Standalone_schedules_each_timer_on_its_declared_schedule_and_polls_the_declared_queue()
    {
        await using var app = await CareerKitApp.StartAsync(new Dictionary<string, string?> { [NewsletterTimers.WeeklyScheduleSetting] = "0 30 7 * * Tue" });
        var timers = app.Services.GetRequiredService<TimerSchedules>().All.ToDictionary(timer => timer.Function.Name, timer => timer.Expression);
        var queues = app.Services.GetRequiredService<QueuePollers>().Bindings;

        var declaredTimers = Metadata().Where(function => function.Type == "timerTrigger").ToList();
        Assert.Equal(declaredTimers.Select(function => function.Name).Order(), timers.Keys.Order());
        Assert.Equal("%NEWSLETTER_SCHEDULE%", declaredTimers.Single(function => function.Name == "WeeklyTips").Trigger["schedule"]!.GetValue<string>());
        Assert.Equal("0 30 7 * * Tue", timers["WeeklyTips"]); // The setting, resolved as the host resolves it.
        Assert.Equal(NewsletterTimers.DefaultDispatchSchedule, timers["DispatchScheduled"]); // Unset standalone: the default.
        Assert.Equal("30 * * * * *", timers["SignupEmails"]);

        var queue = Assert.Single(queues);
        var declaredQueue = Metadata().Single(function => function.Type == "queueTrigger");
        Assert.Equal(declaredQueue.Name, queue.Function.Name);
        Assert.Equal("%SEND_QUEUE_NAME%", declaredQueue.Trigger["queueName"]!.GetValue<string>());
        Assert.Equal("AzureWebJobsStorage", declaredQueue.Trigger["connection"]!.GetValue<string>());
        Assert.Equal(app.Services.GetRequiredService<SendQueue>().Client.Name, queue.QueueName); // The queue the app sends batches to.
    }

    [Fact]
    public async Task Each_declared_route_answers_its_declared_methods_and_the_old_invocation_routes_are_gone()
    {
        await using var app = await CareerKitApp.StartAsync();
        var sampleEdition = await StoredEditions.StoreAsync(app, Track.Ml, 2198, queued: true);

        foreach (var function in Http)
        {
            var route = function.Route == "{ignored:maxlength(0)?}" ? "" : function.Route;
            foreach (var method in function.Methods)
            {
                var response = await app.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/" + WithSampleValues(route, sampleEdition.Id)));
                Assert.True(response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed),
                    $"{function.Name}: {method} /{route} answered {(int)response.StatusCode}");
                Assert.True((int)response.StatusCode < 500, $"{function.Name}: {method} /{route} answered {(int)response.StatusCode}");
            }
        }

        // Not served: 404, or 405 where the home page's one-segment route "{ignored:maxlength(0)?}" matches the path
        // (routing checks the method before the constraint; the worker's own routing does the same under the host).
        foreach (var invocation in new[] { "/WeeklyTips", "/SendBatch", "/DispatchScheduled", "/SignupEmails" })
        {
            Assert.True((await app.Client.PostAsync(invocation, new StringContent("{}"))).StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, invocation);
        }
    }

    [Fact]
    public void The_build_output_has_what_the_host_reads_and_no_hand_written_function_json()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(Output, "host.json")))!;
        var worker = JsonNode.Parse(File.ReadAllText(Path.Combine(Output, "worker.config.json")))!["description"]!;

        Assert.Null(host["customHandler"]);
        Assert.Equal("", host["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());
        Assert.Equal("dotnet-isolated", worker["language"]!.GetValue<string>());
        Assert.Equal("CareerKit.Functions.dll", worker["defaultWorkerPath"]!.GetValue<string>());
        Assert.Empty(Directory.GetFiles(Output, "function.json", SearchOption.AllDirectories));
        Assert.False(Directory.Exists(Path.Combine(RepositoryRootAttribute.Value, "functions")), "functions/ is generated now: no function.json by hand");
    }

    /// <summary>Route parameters filled with values the app knows, so a 404 can only mean "not served".</summary>
    private static string WithSampleValues(string route, string editionId) => route
        .Replace("{track}", "ml-engineer", StringComparison.Ordinal)
        .Replace("{editionId}", editionId, StringComparison.Ordinal)
        .Replace("{id}", "x", StringComparison.Ordinal);
}
