namespace CareerKit.Subscriptions;

/// <summary>Which career track a subscriber follows.</summary>
public enum Track
{
    Ml,
    Ai,
    Both,
}

public static class Tracks
{
    public static readonly IReadOnlyList<Track> All = [Track.Ml, Track.Ai, Track.Both];

    public static string Code(this Track track) => track switch
    {
        Track.Ml => "ml",
        Track.Ai => "ai",
        _ => "both",
    };

    public static string DisplayName(this Track track) => track switch
    {
        Track.Ml => "ML engineer",
        Track.Ai => "AI engineer",
        _ => "ML and AI engineer",
    };

    public static bool TryParse(string? code, out Track track)
    {
        track = Track.Both;
        switch (code?.Trim().ToLowerInvariant())
        {
            case "ml":
                track = Track.Ml;
                return true;
            case "ai":
                track = Track.Ai;
                return true;
            case "both":
                return true;
            default:
                return false;
        }
    }

    public const string ChoiceMessage = "Choose a track: ml (ML engineer), ai (AI engineer) or both.";
}
