using System.Globalization;
using System.Text.RegularExpressions;

namespace CareerKit.Resumes.Import;

/// <summary>The ways to reach a resume's owner, from its header's text and links.</summary>
public sealed record ContactDetails(string? Email, string? Phone, string? Url, Location? Location, IReadOnlyList<Profile> Profiles);

/// <summary>
/// Finds an email address, a phone number, a personal site and profiles (linkedin.com/in/x, github.com/x …) in the text
/// and link annotations of the resume's header. A link's address wins over its printed text, which is often shortened.
/// </summary>
public static partial class ContactParser
{
    private static readonly Dictionary<string, string> Networks = new(StringComparer.OrdinalIgnoreCase)
    {
        ["linkedin.com"] = "LinkedIn", ["github.com"] = "GitHub", ["gitlab.com"] = "GitLab", ["twitter.com"] = "Twitter", ["x.com"] = "X",
        ["stackoverflow.com"] = "Stack Overflow", ["medium.com"] = "Medium", ["kaggle.com"] = "Kaggle", ["dribbble.com"] = "Dribbble",
        ["behance.net"] = "Behance", ["huggingface.co"] = "Hugging Face", ["scholar.google.com"] = "Google Scholar",
        ["facebook.com"] = "Facebook", ["instagram.com"] = "Instagram", ["youtube.com"] = "YouTube", ["mastodon.social"] = "Mastodon",
    };

    public static ContactDetails Parse(IReadOnlyList<ResumeLine> lines)
    {
        string? email = null, phone = null;
        Location? location = null;
        var urls = new List<string>();
        foreach (var link in lines.SelectMany(line => line.Links))
        {
            if (link.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
            {
                email ??= Uri.UnescapeDataString(link[7..].Split('?')[0]);
            }
            else if (link.StartsWith("tel:", StringComparison.OrdinalIgnoreCase))
            {
                phone ??= Uri.UnescapeDataString(link[4..]);
            }
            else if (link.StartsWith("http", StringComparison.OrdinalIgnoreCase))
            {
                Add(urls, link);
            }
        }

        foreach (var part in lines.SelectMany(Parts))
        {
            if (EmailPattern().Match(part) is { Success: true } address)
            {
                email ??= address.Value;
                continue;
            }

            if (phone is null && PhonePattern().Match(part) is { Success: true } number && IsPhone(number.Value))
            {
                phone = number.Value.Trim();
                continue;
            }

            var found = false;
            foreach (Match url in UrlPattern().Matches(part))
            {
                found = true;
                Add(urls, url.Value.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? url.Value : $"https://{url.Value}");
            }

            if (!found && location is null && PlacePattern().IsMatch(part))
            {
                location = Place(part);
            }
        }

        var profiles = new List<Profile>();
        string? site = null;
        foreach (var url in urls)
        {
            var uri = new Uri(url);
            var host = uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host;
            var path = uri.AbsolutePath.Trim('/');
            if (Networks.TryGetValue(host, out var network) && path.Length > 0)
            {
                var username = path.Split('/') is var steps && steps[0] is "in" or "u" or "company" && steps.Length > 1 ? steps[1] : steps[0];
                profiles.Add(new Profile(network, username.TrimStart('@'), url));
            }
            else if (site is null)
            {
                site = url;
            }
            else
            {
                profiles.Add(new Profile(CultureInfo.InvariantCulture.TextInfo.ToTitleCase(host.Split('.')[0]), path.Split('/')[0] is { Length: > 0 } first ? first : null, url));
            }
        }

        return new ContactDetails(email, phone, site, location, profiles);
    }

    /// <summary>Whether the text is, or holds, a way to reach someone: such lines are not the resume's label.</summary>
    public static bool IsContact(string text) =>
        EmailPattern().IsMatch(text) || UrlPattern().IsMatch(text) || (PhonePattern().Match(text) is { Success: true } number && IsPhone(number.Value));

    /// <summary>The line's parts between the separators people put between contact details ("a · b | c").</summary>
    private static IEnumerable<string> Parts(ResumeLine line) => line.Segments
        .SelectMany(segment => Separators().Split(segment.Text))
        .Select(part => part.Trim())
        .Where(part => part.Length > 0);

    /// <summary>Dedupes by address as people compare them: without the scheme, "www." or a closing slash.</summary>
    private static void Add(List<string> urls, string url)
    {
        url = url.TrimEnd('.', ',', ';', ')');
        if (!Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            return;
        }

        if (!urls.Any(known => Comparable(known) == Comparable(url)))
        {
            urls.Add(url);
        }
    }

    public static string Comparable(string url) => LeadingScheme().Replace(url.Trim(), "").TrimEnd('/').ToLowerInvariant();

    private static bool IsPhone(string text)
    {
        var digits = text.Count(char.IsAsciiDigit);
        return digits is >= 7 and <= 15 && !YearRange().IsMatch(text.Trim());
    }

    private static Location Place(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var country = parts.Length > 1 && parts[^1].Length == 2 && parts[^1].All(char.IsAsciiLetterUpper) ? parts[^1] : null;
        var region = parts.Length > (country is null ? 1 : 2) ? parts[1] : null;
        return new Location(null, null, parts[0], country, region);
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"(?<![\w/])\+?\(?\d[\d\s().-]{5,}\d(?![\w/])", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    /// <summary>An address with a scheme, or a lowercase host on a common top-level domain ("Node.js" and "ASP.NET" are not sites).</summary>
    [GeneratedRegex(@"(?<![@\w.])(?:https?://[^\s·|,]+|(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|dev|me|co|ai|app|info|page|site|tech|xyz|blog|de|uk|fr|is|nl|eu|ch|ca|us|in|se|no|dk|fi|es|it|pl|pt|be|at|au|nz|social|codes)(?:/[^\s·|,]*)?)(?![\w@])", RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();

    /// <summary>"San Francisco, California, US", "Berlin, Germany": words and commas, no digits.</summary>
    [GeneratedRegex(@"^\p{Lu}[\p{L}' .-]+(?:, ?\p{L}[\p{L}' .-]+){1,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex PlacePattern();

    [GeneratedRegex(@"^(19|20)\d\d\s*[-–—]\s*(19|20)\d\d$", RegexOptions.CultureInvariant)]
    private static partial Regex YearRange();

    [GeneratedRegex(@"\s+[·|•]\s+|\s{3,}|\t")]
    private static partial Regex Separators();

    [GeneratedRegex("^(https?://)?(www\\.)?", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingScheme();
}
