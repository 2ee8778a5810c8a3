using System.Net;
using System.Text.Json.Nodes;
using CareerKit.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CareerKit.Tests.Hosting;

/// <summary>
/// host.json and the function.json files are the deployment contract with the Functions host: what they
/// declare, the app must serve, and what the app serves publicly, they must declare.
/// </summary>
public sealed class FunctionsContractTests
{
    private static readonly string Root = RepositoryRootAttribute.Value;

    [Fact]
    public void Host_json_runs_the_app_as_a_custom_handler_that_receives_http_requests_unprefixed()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "host.json")))!;

        Assert.Equal("2.0", host["version"]!.GetValue<string>());
        Assert.Equal("CareerKit.Functions", host["customHandler"]!["description"]!["defaultExecutablePath"]!.GetValue<string>());
        Assert.True(host["customHandler"]!["enableProxyingHttpRequest"]!.GetValue<bool>());
        Assert.Equal("", host["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_declared_http_function_is_served_and_every_served_endpoint_is_declared()
    {
        await using var app = await CareerKitApp.StartAsync();
        var served = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint => Methods(endpoint).Select(method => (Method: method, Route: Normalize(endpoint.RoutePattern.RawText))))
            .ToHashSet();

        var declared = DeclaredHttpFunctions().SelectMany(function => function.Methods.Select(method => (Method: method, Route: function.Route)))
            .Concat(DeclaredOtherFunctions().Select(name => (Method: "POST", Route: name))) // Custom-handler invocations.
            .ToHashSet();

        Assert.Empty(declared.Except(served));
        Assert.Empty(served.Except(declared));
    }

    [Fact]
    public async Task Each_declared_route_answers_its_declared_methods()
    {
        await using var app = await CareerKitApp.StartAsync();
        var sampleEdition = await StoredEditions.StoreAsync(app, "ml", 2198, queued: true);

        foreach (var function in DeclaredHttpFunctions())
        {
            foreach (var method in function.Methods)
            {
                var response = await app.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/" + WithSampleValues(function.Route, sampleEdition.Id)));
                Assert.True(response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed),
                    $"{function.Name}: {method} /{function.Route} answered {(int)response.StatusCode}");
                Assert.True((int)response.StatusCode < 500, $"{function.Name}: {method} /{function.Route} answered {(int)response.StatusCode}");
            }
        }
    }

    [Fact]
    public void The_build_output_has_host_json_and_a_folder_per_function_next_to_the_executable()
    {
        var output = Path.GetDirectoryName(typeof(CareerKit.Hosting.CareerKitHostExtensions).Assembly.Location)!;

        Assert.True(File.Exists(Path.Combine(output, "host.json")));
        Assert.True(File.Exists(Path.Combine(output, "CareerKit.Functions")), "the executable named by defaultExecutablePath");
        foreach (var function in DeclaredHttpFunctions())
        {
            Assert.True(File.Exists(Path.Combine(output, function.Name, "function.json")), $"{function.Name}/function.json is not in the build output");
        }
    }

    /// <summary>Route parameters filled with values the app knows, so a 404 can only mean "not served".</summary>
    private static string WithSampleValues(string route, string editionId) => route
        .Replace("{track}", "ml-engineer", StringComparison.Ordinal)
        .Replace("{editionId}", editionId, StringComparison.Ordinal);

    private static IEnumerable<string> Methods(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.Select(method => method.ToUpperInvariant())
        ?? throw new InvalidOperationException($"{endpoint.DisplayName} answers every method; declare the methods it serves.");

    /// <summary>The root route is declared as an optional empty parameter: the Functions host cannot take "".</summary>
    private static string Normalize(string? route)
    {
        var trimmed = (route ?? "").Trim('/');
        return trimmed == "{ignored:maxlength(0)?}" ? "" : trimmed;
    }

    private sealed record HttpFunction(string Name, string Route, IReadOnlyList<string> Methods);

    /// <summary>Timer and queue functions: the host invokes them as POST /&lt;FunctionName&gt;.</summary>
    private static List<string> DeclaredOtherFunctions() =>
        Directory.GetFiles(Path.Combine(Root, "functions"), "function.json", SearchOption.AllDirectories)
            .Where(file => !File.ReadAllText(file).Contains("\"httpTrigger\"", StringComparison.Ordinal))
            .Select(file => Path.GetFileName(Path.GetDirectoryName(file)!))
            .ToList();

    private static List<HttpFunction> DeclaredHttpFunctions()
    {
        var functions = new List<HttpFunction>();
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "functions"), "function.json", SearchOption.AllDirectories))
        {
            var trigger = JsonNode.Parse(File.ReadAllText(file))!["bindings"]!.AsArray()
                .SingleOrDefault(binding => binding!["type"]!.GetValue<string>() == "httpTrigger");
            if (trigger is null)
            {
                continue;
            }

            Assert.Equal("anonymous", trigger["authLevel"]!.GetValue<string>());
            functions.Add(new HttpFunction(
                Path.GetFileName(Path.GetDirectoryName(file)!),
                Normalize(trigger["route"]!.GetValue<string>()),
                trigger["methods"]!.AsArray().Select(method => method!.GetValue<string>().ToUpperInvariant()).ToList()));
        }

        Assert.NotEmpty(functions);
        return functions;
    }
}
