using System.Reflection;

namespace CareerKit.Tests.Infrastructure;

/// <summary>The repository root, baked in at build time, for host.json, function.json files and node_modules.</summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class RepositoryRootAttribute(string path) : Attribute
{
    public string Path { get; } = path;

    public static string Value => typeof(RepositoryRootAttribute).Assembly.GetCustomAttribute<RepositoryRootAttribute>()!.Path;
}
