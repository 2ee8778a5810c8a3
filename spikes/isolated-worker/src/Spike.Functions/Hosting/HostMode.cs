namespace Spike.Hosting;

/// <summary>Which of the two modes this process runs in.</summary>
public static class HostMode
{
    /// <summary>Where the worker reads the host's gRPC address (mapped from --functions-uri by the worker itself).</summary>
    public const string HostEndpointKey = "Functions:Worker:HostEndpoint";

    /// <summary>
    /// True when a Functions host started us: it passes --functions-uri (also when FunctionsNetHost loads the app
    /// in-process on Flex/placeholders: it forwards its own arguments and sets AZURE_FUNCTIONS_NATIVE_HOST).
    /// The legacy --host/--port/--workerId arguments come with it but are not read by worker 2.x.
    /// </summary>
    public static bool IsUnderFunctionsHost(string[] args) =>
        args.Any(arg => arg.Equals("--functions-uri", StringComparison.OrdinalIgnoreCase) || arg.StartsWith("--functions-uri=", StringComparison.OrdinalIgnoreCase))
        || AppContext.GetData("AZURE_FUNCTIONS_NATIVE_HOST") is not null
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("Functions__Worker__HostEndpoint"));
}
