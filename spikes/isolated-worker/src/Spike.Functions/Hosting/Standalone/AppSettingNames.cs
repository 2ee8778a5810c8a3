namespace Spike.Hosting.Standalone;

/// <summary>Resolves binding expressions the way the host does: "%NAME%" is the app setting NAME.</summary>
public static class AppSettingNames
{
    public static string Resolve(string value, IConfiguration configuration)
    {
        if (value is ['%', .. var name, '%'])
        {
            return configuration[name] is { Length: > 0 } setting
                ? setting
                : throw new InvalidOperationException($"The app setting {name} (used as %{name}%) is not set.");
        }

        return value;
    }
}
