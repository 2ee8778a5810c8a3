using Microsoft.Azure.Functions.Worker;

namespace CareerKit.Resumes;

/// <summary>
/// Every hour, deletes the stored tailored resumes whose link has expired. In Azure a Blob lifecycle rule does the
/// same (infra/main.bicep) once a day; this timer keeps the promise on Azurite too, and to the hour.
/// </summary>
public sealed partial class StoredResumeSweep(StoredResumes resumes, IConfiguration configuration, ILogger<StoredResumeSweep> logger)
{
    public const string TimerName = "TailoredResumeSweep";

    /// <summary>"false" turns the sweep off while the other local timers run (tests whose clock runs years ahead share storage).</summary>
    public const string SweepSetting = "CareerKit:TailoredResumeSweep";

    [Function(TimerName)]
    public async Task RunAsync([TimerTrigger("0 0 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (configuration[SweepSetting] == "false")
        {
            return;
        }

        LogSwept(logger, await resumes.DeleteExpiredAsync(cancellationToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "TailoredResumeSweep: {Count} expired tailored resumes deleted")]
    private static partial void LogSwept(ILogger logger, int count);
}
