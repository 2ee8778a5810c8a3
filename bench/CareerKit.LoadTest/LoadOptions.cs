using System.Globalization;

namespace CareerKit.LoadTest;

/// <summary>Command-line options. Only loopback targets: this tool must never load another machine.</summary>
internal sealed record LoadOptions(Uri Url, string Scenario, TimeSpan Duration, TimeSpan Warmup, int Concurrency, string? Storage, string? SigningKey, string? ResumeFile, string? EditorKey)
{
    public static LoadOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        var url = new Uri(values.GetValueOrDefault("url", "http://127.0.0.1:7071"));
        if (!url.IsLoopback)
        {
            throw new ArgumentException($"--url must be a loopback address (127.0.0.1, localhost, [::1]), not {url.Host}.");
        }

        var scenario = values.GetValueOrDefault("scenario", "signup");
        if (scenario is not ("signup" or "page" or "resume" or "resume-worst" or "editor-list" or "editor-preview"))
        {
            throw new ArgumentException("--scenario must be signup, page, resume, resume-worst, editor-list or editor-preview.");
        }

        return new LoadOptions(
            url,
            scenario,
            TimeSpan.FromSeconds(Number(values, "duration", 60)),
            TimeSpan.FromSeconds(Number(values, "warmup", 5)),
            (int)Number(values, "concurrency", 64),
            values.GetValueOrDefault("storage"),
            values.GetValueOrDefault("signing-key"),
            values.GetValueOrDefault("resume"),
            values.GetValueOrDefault("editor-key"));
    }

    private static double Number(Dictionary<string, string> values, string name, double fallback) =>
        values.TryGetValue(name, out var text) ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
