namespace CareerKit.Hosting;

public static class RequestLimits
{
    /// <summary>Bodies larger than this are answered with 413 before they are read.</summary>
    public const int DefaultMaxBodyBytes = 16 * 1024;
}
