using System.Diagnostics;
using System.Reflection;

namespace CareerKit.Tests.Infrastructure;

/// <summary>Where restore put the Bicep CLI (PackageDownload of Azure.Bicep.CommandLine.linux-x64).</summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class BicepCliAttribute(string packageFolder) : Attribute
{
    public string PackageFolder { get; } = packageFolder;
}

/// <summary>Runs the Bicep CLI offline: build and lint.</summary>
public static class BicepCli
{
    public static string Path => System.IO.Path.Combine(typeof(BicepCliAttribute).Assembly.GetCustomAttribute<BicepCliAttribute>()!.PackageFolder, "tools", "bicep");

    /// <returns>The exit code, standard output and standard error.</returns>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public static async Task<(int Exit, string Output, string Errors)> RunAsync(params string[] arguments)
    {
        Assert.True(File.Exists(Path), $"The Bicep CLI is not at {Path}: restore the test project.");
        File.SetUnixFileMode(Path, File.GetUnixFileMode(Path) | UnixFileMode.UserExecute); // NuGet does not keep the execute bit everywhere.
        var start = new ProcessStartInfo(Path, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, Environment = { ["BICEP_TRACING_ENABLED"] = "false" } };
        using var bicep = Process.Start(start)!;
        var output = bicep.StandardOutput.ReadToEndAsync();
        var errors = bicep.StandardError.ReadToEndAsync();
        await bicep.WaitForExitAsync();
        return (bicep.ExitCode, await output, await errors);
    }
}
