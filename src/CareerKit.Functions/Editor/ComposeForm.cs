using CareerKit.Newsletter;

namespace CareerKit.Editor;

/// <summary>
/// The compose form: an edition's fields and the tip picker. Filtering the picker posts the form back with everything
/// typed so far (pages carry no script); tips already picked always stay in the list, first, in their order.
/// </summary>
public static class ComposeForm
{
    public static DraftInput Read(IFormCollection form) => new(
        form["track"].ToString(), form["subject"].ToString(), form["preheader"].ToString(), form["intro"].ToString(),
        [.. form["tipIds"].Select(id => id ?? "").Where(id => id.Length > 0).Distinct(StringComparer.Ordinal)]);

    public static DraftInput From(EditionDraft draft) => new(draft.Track.Code(), draft.Subject, draft.Preheader, draft.Intro, draft.TipIds);

    /// <summary>The template model for the form with these values, the picker filtered by topic and words, and any errors by field.</summary>
    public static object Model(TipCatalog catalog, DraftInput input, string? topic, string? query, string action, object form, Dictionary<string, string[]>? errors = null, string? version = null)
    {
        var picked = input.TipIds ?? [];
        var words = (query ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var trackKnown = Tracks.TryFromCode(input.Track, out var forTrack);
        var matching = catalog.Active
            .Where(tip => !picked.Contains(tip.Id))
            .Where(tip => !trackKnown || tip.AppliesTo(forTrack))
            .Where(tip => string.IsNullOrEmpty(topic) || tip.Topic == topic)
            .Where(tip => words.All(word => tip.Title.Contains(word, StringComparison.CurrentCultureIgnoreCase) || tip.Body.Contains(word, StringComparison.CurrentCultureIgnoreCase)));
        var shown = picked.Select(id => catalog.Find(id)?.Tip).OfType<Tip>().Select(tip => Choice(tip, true))
            .Concat(matching.Select(tip => Choice(tip, false))).ToList();
        string? Error(string field) => errors?.GetValueOrDefault(field)?.FirstOrDefault();
        var fieldErrors = new { Track = Error("track"), Subject = Error("subject"), Preheader = Error("preheader"), Intro = Error("intro"), TipIds = Error("tipIds") };
        return new
        {
            Action = action,
            Form = form,
            Version = version,
            input.Track,
            input.Subject,
            input.Preheader,
            input.Intro,
            Tracks = Tracks.All.Select(track => new { Code = track.Code(), Name = track.DisplayName(), Checked = track.Code() == input.Track }),
            Topics = catalog.Topics.Select(name => new { Name = name, Selected = name == topic }),
            Query = query,
            Tips = shown,
            NoTips = shown.Count == 0,
            PickedCount = picked.Count,
            DraftInput.MaxTips,
            DraftInput.MaxSubject,
            Errors = fieldErrors,
            HasErrors = errors is { Count: > 0 },
            ErrorList = errors?.Select(error => new { Field = error.Key == "tipIds" ? "tips" : error.Key, Message = error.Value.FirstOrDefault() }) ?? [],
        };
    }

    private static object Choice(Tip tip, bool picked) =>
        new { tip.Id, tip.Title, tip.Topic, Tracks = string.Join(", ", tip.Tracks), Picked = picked, Retired = tip.Retired };
}
