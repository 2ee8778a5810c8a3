namespace CareerKit.Hosting;

/// <summary>Which of the two modes this process runs in: the isolated worker under the Functions host, or standalone.</summary>
public static class HostMode
{
    /// <summary>Set by <see cref="Worker.WorkerHost"/>, so services can tell the modes apart from configuration alone.</summary>
    public const string UnderFunctionsHostSetting = "CareerKit:UnderFunctionsHost";

    /// <summary>
    /// True when a Functions host started us: it passes --functions-uri (also when FunctionsNetHost loads the app
    /// in-process on Flex Consumption: it forwards its own arguments and sets AZURE_FUNCTIONS_NATIVE_HOST), or the
    /// worker's host endpoint is set in the environment.
    /// </summary>
    public static bool IsUnderFunctionsHost(string[] args) =>
        args.Any(arg => arg.Equals("--functions-uri", StringComparison.OrdinalIgnoreCase) || arg.StartsWith("--functions-uri=", StringComparison.OrdinalIgnoreCase))
        || AppContext.GetData("AZURE_FUNCTIONS_NATIVE_HOST") is not null
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("Functions__Worker__HostEndpoint"));

    public static bool IsUnderFunctionsHost(IConfiguration configuration) =>
        string.Equals(configuration[UnderFunctionsHostSetting], "true", StringComparison.OrdinalIgnoreCase);
}
