using System.Text.Json;
using CareerKit.Hosting;

namespace CareerKit.Subscriptions;

/// <summary>A sign-up as sent, before validation: from the form or from JSON.</summary>
public sealed record SignupInput(string? Email, string? FirstName, string? Track, bool Consent, string? Honeypot = null)
{
    /// <summary>The hidden field only bots fill in.</summary>
    public const string HoneypotField = "website";

    public bool IsBot => !string.IsNullOrEmpty(Honeypot);

    public static SignupInput FromForm(IFormCollection form) => new(
        form["email"].ToString(),
        form["firstName"].ToString(),
        form["track"].ToString(),
        form["consent"].ToString() is "yes" or "on" or "true",
        form[HoneypotField].ToString());

    /// <summary>Reads the JSON contract; type mistakes become field errors rather than exceptions.</summary>
    public static SignupInput FromJson(JsonElement root, IDictionary<string, string[]> errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors["body"] = ["Send a JSON object: { \"email\", \"firstName\"?, \"track\", \"consent\": true }."];
            return new SignupInput(null, null, null, false);
        }

        return new SignupInput(
            JsonBody.OptionalString(root, "email", errors),
            JsonBody.OptionalString(root, "firstName", errors),
            JsonBody.OptionalString(root, "track", errors),
            root.TryGetProperty("consent", out var consent) && consent.ValueKind == JsonValueKind.True);
    }
}

/// <summary>A valid sign-up: a normalised address, an optional name and a track, with consent given.</summary>
public sealed record SignupRequest(string Email, string? FirstName, Track Track)
{
    public static SignupRequest? Validate(SignupInput input, IDictionary<string, string[]> errors)
    {
        if (!EmailAddress.TryNormalize(input.Email, out var email, out var emailError))
        {
            errors.TryAdd("email", [emailError]);
        }

        if (Subscriptions.FirstName.Check(input.FirstName, out var firstName) is { } nameError)
        {
            errors.TryAdd("firstName", [nameError]);
        }

        if (!Tracks.TryParse(input.Track, out var track))
        {
            errors.TryAdd("track", [Tracks.Problem(input.Track)]);
        }

        if (!input.Consent)
        {
            errors.TryAdd("consent", ["Tick the box to agree to receive the weekly email; we only send it with your consent."]);
        }

        return errors.Count == 0 ? new SignupRequest(email, firstName, track) : null;
    }
}
