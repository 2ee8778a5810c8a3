namespace CareerKit.Subscriptions;

/// <summary>The optional first name used to greet a subscriber. Shown escaped everywhere; never a header.</summary>
public static class FirstName
{
    public const int MaxLength = 50;

    /// <returns>An error message, or null when the name is acceptable (trimmed into <paramref name="normalized"/>).</returns>
    public static string? Check(string? input, out string? normalized)
    {
        normalized = string.IsNullOrWhiteSpace(input) ? null : input.Trim();
        if (normalized is null)
        {
            return null;
        }

        if (normalized.Any(char.IsControl))
        {
            return "Your first name cannot contain line breaks or other control characters.";
        }

        return normalized.Length > MaxLength
            ? $"Your first name is too long: at most {MaxLength} characters."
            : null;
    }
}
