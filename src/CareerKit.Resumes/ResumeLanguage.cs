using System.Text.Json;

namespace CareerKit.Resumes;

/// <summary>
/// The language a resume is written in, for the PDF's /Lang (screen readers choose their voice by it). JSON Resume
/// has no such field; people write it as <c>meta.language</c> or <c>basics.language</c>. Only a language tag is taken
/// ("en", "pt-BR"); anything else there ("English") is ignored rather than refused, and the PDF says "en".
/// </summary>
public static class ResumeLanguage
{
    public const string Default = "en";

    public static string? From(JsonElement root) =>
        new[] { Read(root, "meta"), Read(root, "basics") }.FirstOrDefault(IsLanguageTag);

    private static string? Read(JsonElement root, string parent) =>
        root.TryGetProperty(parent, out var owner) && owner.ValueKind == JsonValueKind.Object
        && owner.TryGetProperty("language", out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!.Trim()
            : null;

    /// <summary>BCP 47 in outline: a 2–3 letter language, then subtags of 1–8 letters or digits.</summary>
    private static bool IsLanguageTag(string? tag)
    {
        if (tag is null || tag.Length > 35)
        {
            return false;
        }

        var parts = tag.Split('-');
        return parts[0].Length is 2 or 3 && parts[0].All(char.IsAsciiLetter)
            && parts.Skip(1).All(part => part.Length is >= 1 and <= 8 && part.All(char.IsAsciiLetterOrDigit));
    }
}
