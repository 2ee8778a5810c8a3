using System.Globalization;

namespace CareerKit.Subscriptions;

/// <summary>
/// Turns what a person typed into the one form we store and compare: trimmed, the domain lower-cased
/// and internationalised domains in punycode. The local part keeps its case, as RFC 5321 allows.
/// </summary>
public static class EmailAddress
{
    public const int MaxLength = 254;
    private const int MaxLocalPartLength = 64;
    private const string LocalPartSymbols = "!#$%&'*+-/=?^_`{|}~.";
    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true };

    public static bool TryNormalize(string? input, out string normalized, out string error)
    {
        normalized = "";
        var value = input?.Trim() ?? "";
        error = Check(value, out var local, out var domain) ?? "";
        if (error.Length > 0)
        {
            return false;
        }

        normalized = $"{local}@{domain}";
        if (normalized.Length > MaxLength)
        {
            error = $"The email address is too long: it can have at most {MaxLength} characters.";
            return false;
        }

        return true;
    }

    private static string? Check(string value, out string local, out string domain)
    {
        local = domain = "";
        if (value.Length == 0)
        {
            return "Enter your email address.";
        }

        if (value.Any(char.IsControl))
        {
            return "The email address contains invisible control characters (such as a line break). Type it again.";
        }

        if (value.Length > MaxLength)
        {
            return $"The email address is too long: it can have at most {MaxLength} characters.";
        }

        var at = value.LastIndexOf('@');
        if (at <= 0 || at == value.Length - 1)
        {
            return "Enter an email address like name@example.com.";
        }

        local = value[..at];
        if (local.Length > MaxLocalPartLength)
        {
            return $"The part before the @ is too long: it can have at most {MaxLocalPartLength} characters.";
        }

        if (!IsDotAtom(local))
        {
            return "The part before the @ can only have letters, digits, dots and the symbols !#$%&'*+-/=?^_`{|}~, with no spaces.";
        }

        return NormalizeDomain(value[(at + 1)..], out domain);
    }

    private static string? NormalizeDomain(string raw, out string domain)
    {
        domain = "";
        string ascii;
        try
        {
            ascii = Idn.GetAscii(raw.TrimEnd('.'));
        }
        catch (ArgumentException)
        {
            return "The part after the @ is not a valid domain name, like example.com.";
        }

        domain = ascii.ToLowerInvariant();
        var labels = domain.Split('.');
        if (labels.Length < 2 || labels.Any(label => label.Length is 0 or > 63))
        {
            return "The part after the @ must be a full domain name, like example.com.";
        }

        return labels[^1].All(char.IsAsciiDigit)
            ? "The part after the @ must be a domain name, not a number."
            : null;
    }

    private static bool IsDotAtom(string local) =>
        !local.StartsWith('.') && !local.EndsWith('.') && !local.Contains("..", StringComparison.Ordinal)
        && local.All(c => char.IsAsciiLetterOrDigit(c) || LocalPartSymbols.Contains(c));

    /// <summary>A form of the address safe for logs: first letter and domain only.</summary>
    public static string Mask(string address)
    {
        var at = address.LastIndexOf('@');
        return at <= 0 ? "***" : $"{address[0]}***@{address[(at + 1)..]}";
    }
}
