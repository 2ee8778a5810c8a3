using System.Text;
using CareerKit.Newsletter;

namespace CareerKit.Editor;

/// <summary>What an editor sends for an edition, as the JSON API and the compose form take it.</summary>
public sealed record DraftInput(string? Track, string? Subject, string? Preheader, string? Intro, IReadOnlyList<string>? TipIds)
{
    public const int MaxSubject = 150;
    public const int MaxPreheader = 200;
    public const int MaxIntroBytes = 20 * 1024;
    public const int MaxTips = 6;

    /// <returns>Every problem at once, by field; empty when the input is good.</returns>
    public Dictionary<string, string[]> Validate(IReadOnlyList<Tip> library)
    {
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!Tracks.TryFromCode(Track, out _))
        {
            problems["track"] = ["Choose a track: ml, ai or both."];
        }

        if (string.IsNullOrWhiteSpace(Subject))
        {
            problems["subject"] = ["Write a subject."];
        }
        else if (Subject.Trim().Length > MaxSubject)
        {
            problems["subject"] = [$"Keep the subject to {MaxSubject} characters; it has {Subject.Trim().Length}."];
        }
        else if (!IsOneLine(Subject))
        {
            problems["subject"] = [NotOneLine("subject")];
        }

        if (Preheader is { Length: > MaxPreheader })
        {
            problems["preheader"] = [$"Keep the preheader to {MaxPreheader} characters; it has {Preheader.Length}."];
        }
        else if (Preheader is not null && !IsOneLine(Preheader))
        {
            problems["preheader"] = [NotOneLine("preheader")];
        }

        if (Intro is not null && Encoding.UTF8.GetByteCount(Intro) > MaxIntroBytes)
        {
            problems["intro"] = [$"Keep the intro under {MaxIntroBytes / 1024} KB of Markdown."];
        }

        var ids = TipIds ?? [];
        var unknown = ids.Where(id => library.All(tip => tip.Id != id)).ToList();
        if (ids.Count == 0)
        {
            problems["tipIds"] = ["Pick at least one tip."];
        }
        else if (ids.Count > MaxTips)
        {
            problems["tipIds"] = [$"Pick at most {MaxTips} tips."];
        }
        else if (unknown.Count > 0)
        {
            problems["tipIds"] = [$"No tip has the id {string.Join(", ", unknown.Select(id => $"'{Shorten(id)}'"))}."];
        }
        else if (ids.Distinct(StringComparer.Ordinal).Count() != ids.Count)
        {
            problems["tipIds"] = ["Each tip can be in an edition once."];
        }

        return problems;
    }

    /// <summary>Subject and preheader become email headers and inbox lines: a line break or NUL would split or cut them.</summary>
    private static bool IsOneLine(string value) => !value.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029');

    private static string NotOneLine(string field) =>
        $"The {field} must be one line of text: remove the line breaks and invisible control characters (such as NUL) from it.";

    private static string Shorten(string value) => value.Length > 60 ? value[..60] + "…" : value;
}
