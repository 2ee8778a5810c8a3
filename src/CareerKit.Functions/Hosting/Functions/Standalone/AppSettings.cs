namespace CareerKit.Hosting.Standalone;

/// <summary>A value standalone mode uses for an app setting nobody set (the Functions host requires it set; the Bicep sets it).</summary>
public sealed record AppSettingDefault(string Name, Func<IServiceProvider, string> Value);

/// <summary>Resolves binding expressions the way the host does: "%NAME%" is the app setting NAME.</summary>
public sealed class AppSettings(IConfiguration configuration, IEnumerable<AppSettingDefault> defaults, IServiceProvider services)
{
    public string Resolve(string value)
    {
        if (value is not ['%', .. var name, '%'])
        {
            return value;
        }

        if (configuration[name] is { Length: > 0 } setting)
        {
            return setting;
        }

        return defaults.LastOrDefault(known => known.Name == name) is { } fallback
            ? fallback.Value(services)
            : throw new InvalidOperationException($"The app setting {name} (used as %{name}%) is not set.");
    }
}
