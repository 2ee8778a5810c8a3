using System.Text.Json;
using System.Text.Json.Serialization;

namespace CareerKit;

/// <summary>
/// A career track: what a subscriber follows, what an edition and a tip are for, and which resume template a reader
/// takes. In the root namespace because every feature uses it (subscriptions, newsletter, editor, resumes).
/// </summary>
[JsonConverter(typeof(TrackCodeConverter))]
public enum Track
{
    Ml,
    Ai,
    Both,
}

/// <summary>
/// A track's spellings, each in one place: the code that is stored and sent (table rows, queue messages, tip front
/// matter, form and JSON values: "ml", "ai", "both"), the name people read, and the resume template's URL slug
/// ("ml-engineer", "ai-engineer"; "both" has no template of its own).
/// </summary>
public static class Tracks
{
    public static readonly IReadOnlyList<Track> All = [Track.Ml, Track.Ai, Track.Both];

    /// <summary>The tracks with a resume template, in the order a reader is offered them.</summary>
    public static readonly IReadOnlyList<Track> WithResumeTemplate = [Track.Ml, Track.Ai];

    public const string ChoiceMessage = "Choose a track: ml (ML engineer), ai (AI engineer) or both.";

    /// <summary>The stored code. Table rows, blob names, queue messages and seed files hold it: never change one.</summary>
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

    /// <summary>The resume template's slug (its URL segment and file name); null for both, which has no template.</summary>
    public static string? ResumeSlug(this Track track) => track switch
    {
        Track.Ml => "ml-engineer",
        Track.Ai => "ai-engineer",
        _ => null,
    };

    /// <summary>A track as a person sends it in a form, JSON or a CSV import: the code, trimmed, in any case.</summary>
    public static bool TryParse(string? text, out Track track) => TryFromCode(text?.Trim().ToLowerInvariant(), out track);

    /// <summary>A track from its code exactly as stored and as tip front matter, the editor's API and its forms send it.</summary>
    public static bool TryFromCode(string? code, out Track track)
    {
        track = Track.Both;
        switch (code)
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

    /// <summary>A code this app wrote itself (a stored row, a queued message): anything else is a bug, not input.</summary>
    public static Track FromCode(string code) =>
        TryFromCode(code, out var track) ? track : throw new ArgumentOutOfRangeException(nameof(code), code, $"'{code}' is not a track code (ml, ai or both).");

    /// <summary>A track from a resume template's slug, exactly as in /api/resumes/{slug}; both has none.</summary>
    public static bool TryFromResumeSlug(string? slug, out Track track)
    {
        track = Track.Both;
        foreach (var candidate in WithResumeTemplate)
        {
            if (candidate.ResumeSlug() == slug)
            {
                track = candidate;
                return true;
            }
        }

        return false;
    }

    /// <summary>Why a person's track was refused, for the form field or the problem details.</summary>
    public static string Problem(string? text) => string.IsNullOrWhiteSpace(text) ? ChoiceMessage : $"'{text}' is not a track. {ChoiceMessage}";

    /// <summary>Why a resume slug was refused: the slugs there are.</summary>
    public static string ResumeSlugProblem(string? slug) =>
        $"'{slug}' is not a track. Valid tracks: {string.Join(", ", WithResumeTemplate.Select(track => track.ResumeSlug()))}.";
}

/// <summary>JSON holds a track as its code ("ml", "ai", "both"), as queue messages and every API always have.</summary>
public sealed class TrackCodeConverter : JsonConverter<Track>
{
    public override Track Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && Tracks.TryFromCode(reader.GetString(), out var track)
            ? track
            : throw new JsonException($"A track is one of the codes ml, ai or both.");

    public override void Write(Utf8JsonWriter writer, Track value, JsonSerializerOptions options) => writer.WriteStringValue(value.Code());
}
