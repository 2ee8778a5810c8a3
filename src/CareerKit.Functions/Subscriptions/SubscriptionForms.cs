using System.Text.Json;
using CareerKit.Hosting;

namespace CareerKit.Subscriptions;

/// <summary>The sign-up form as shown: what was typed, and an error per field.</summary>
public sealed record SignupForm(SignupInput Values, IReadOnlyDictionary<string, string[]> Errors)
{
    public static readonly SignupForm Empty = new(new SignupInput(null, null, null, false), new Dictionary<string, string[]>());
}

/// <summary>The preferences form: track and first name.</summary>
public sealed record PreferencesForm(string? Track, string? FirstName)
{
    public IReadOnlyDictionary<string, string[]> Errors { get; init; } = new Dictionary<string, string[]>();
    public bool Saved { get; init; }

    public static PreferencesForm From(Subscriber subscriber) => new(subscriber.Track.Code(), subscriber.FirstName);

    public static PreferencesForm FromForm(IFormCollection form) => new(form["track"].ToString(), form["firstName"].ToString());

    public static PreferencesForm FromJson(JsonElement root, IDictionary<string, string[]> errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors["body"] = ["Send a JSON object: { \"track\", \"firstName\"? }."];
            return new(null, null);
        }

        return new(JsonBody.OptionalString(root, "track", errors), JsonBody.OptionalString(root, "firstName", errors));
    }

    public bool TryValidate(IDictionary<string, string[]> errors, out Track track, out string? firstName)
    {
        if (!Tracks.TryParse(Track, out track))
        {
            errors.TryAdd("track", [Tracks.Problem(Track)]);
        }

        if (Subscriptions.FirstName.Check(FirstName, out firstName) is { } nameError)
        {
            errors.TryAdd("firstName", [nameError]);
        }

        return errors.Count == 0;
    }
}
