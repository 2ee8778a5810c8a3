using System.Text.Json;
using Microsoft.Azure.Functions.Worker;

namespace Spike.Hosting.Standalone;

/// <summary>
/// Where a timer remembers its last and next occurrence across restarts, so a run missed while the app was down
/// happens at start with IsPastDue (the host keeps the same in a blob under azure-webjobs-hosts/timers/).
/// </summary>
public interface IScheduleStatusStore
{
    Task<ScheduleStatus?> ReadAsync(string function, CancellationToken cancellationToken);

    Task WriteAsync(string function, ScheduleStatus status, CancellationToken cancellationToken);
}

/// <summary>One JSON file per timer under "Standalone:TimerStatusPath" (the product would use a blob in its prefixed container).</summary>
public sealed class FileScheduleStatusStore(IConfiguration configuration, IHostEnvironment environment) : IScheduleStatusStore
{
    private readonly string _folder = configuration["Standalone:TimerStatusPath"] is { Length: > 0 } path ? path : Path.Combine(environment.ContentRootPath, ".timers");

    public async Task<ScheduleStatus?> ReadAsync(string function, CancellationToken cancellationToken)
    {
        var path = PathFor(function);
        if (!File.Exists(path))
        {
            return null;
        }

        await using var file = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<ScheduleStatus>(file, cancellationToken: cancellationToken);
    }

    public async Task WriteAsync(string function, ScheduleStatus status, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_folder);
        await File.WriteAllTextAsync(PathFor(function), JsonSerializer.Serialize(status), cancellationToken);
    }

    private string PathFor(string function) => Path.Combine(_folder, $"{function}.json");
}
