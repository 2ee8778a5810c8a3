using Cronos;
using CareerKit.Newsletter;

namespace CareerKit.Resumes;

/// <summary>
/// Standalone only: every hour, deletes the stored tailored resumes whose link has expired. In Azure a Blob lifecycle
/// rule does this (infra/main.bicep), so under the Functions host this timer does not run.
/// </summary>
public sealed class StoredResumeSweep(IServiceProvider services, IConfiguration configuration, TimeProvider time, ILogger<StoredResumeSweep> logger)
    : LocalTimer(services, configuration, time, logger)
{
    public const string TimerName = "TailoredResumeSweep";

    /// <summary>"false" turns the sweep off while the other local timers run (tests whose clock runs years ahead share storage).</summary>
    public const string SweepSetting = "CareerKit:TailoredResumeSweep";

    private readonly bool _enabled = configuration[SweepSetting] != "false";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _enabled ? base.ExecuteAsync(stoppingToken) : Task.CompletedTask;

    protected override string Name => TimerName;

    protected override CronExpression Schedule { get; } = CronExpression.Parse("0 0 * * * *", CronFormat.IncludeSeconds);

    protected override async Task<string> RunAsync(IServiceProvider scoped, InvocationRequest request, TimeProvider clock, CancellationToken cancellationToken) =>
        $"{await scoped.GetRequiredService<StoredResumes>().DeleteExpiredAsync(cancellationToken)} expired tailored resumes deleted";
}
