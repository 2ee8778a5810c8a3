namespace CareerKit.Resumes;

/// <summary>A resume in the JSON Resume schema v1.0.0 (jsonresume.org). Every part is optional.</summary>
public sealed record ResumeDocument
{
    public Basics? Basics { get; init; }
    public IReadOnlyList<Work> Work { get; init; } = [];
    public IReadOnlyList<Volunteer> Volunteer { get; init; } = [];
    public IReadOnlyList<Education> Education { get; init; } = [];
    public IReadOnlyList<Award> Awards { get; init; } = [];
    public IReadOnlyList<Certificate> Certificates { get; init; } = [];
    public IReadOnlyList<Publication> Publications { get; init; } = [];
    public IReadOnlyList<Skill> Skills { get; init; } = [];
    public IReadOnlyList<Language> Languages { get; init; } = [];
    public IReadOnlyList<Interest> Interests { get; init; } = [];
    public IReadOnlyList<Reference> References { get; init; } = [];
    public IReadOnlyList<Project> Projects { get; init; } = [];

    /// <summary>The language tag the resume gives (meta.language or basics.language), if any.</summary>
    public string? Language { get; init; }

    /// <summary>Pre-1.0 names the resume was written with, read as their 1.0.0 names.</summary>
    public IReadOnlyList<LegacyName> LegacyNames { get; init; } = [];

    /// <summary>Dates written in another form than the schema's ISO one, and how each was read.</summary>
    public IReadOnlyList<InterpretedDate> InterpretedDates { get; init; } = [];

    /// <summary>Whether the resume has anything for a template section, or for "contact": a way to reach its owner.</summary>
    public bool Has(string section) => section switch
    {
        "contact" => Basics is { } basics && (basics.Email ?? basics.Phone ?? basics.Url) is not null || Basics?.Profiles.Count > 0,
        "summary" => Basics?.Summary is not null,
        "skills" => Skills.Count > 0,
        "work" => Work.Count > 0,
        "projects" => Projects.Count > 0,
        "education" => Education.Count > 0,
        "certificates" => Certificates.Count > 0,
        "publications" => Publications.Count > 0,
        "awards" => Awards.Count > 0,
        "volunteer" => Volunteer.Count > 0,
        "languages" => Languages.Count > 0,
        "interests" => Interests.Count > 0,
        "references" => References.Count > 0,
        _ => false,
    };
}

public sealed record Basics(
    string? Name, string? Label, string? Image, string? Email, string? Phone, string? Url, string? Summary,
    Location? Location, IReadOnlyList<Profile> Profiles);

public sealed record Location(string? Address, string? PostalCode, string? City, string? CountryCode, string? Region);

public sealed record Profile(string? Network, string? Username, string? Url);

public sealed record Work(string? Name, string? Position, string? Url, ResumeDate? StartDate, ResumeDate? EndDate, string? Summary, IReadOnlyList<string> Highlights);

public sealed record Volunteer(string? Organization, string? Position, string? Url, ResumeDate? StartDate, ResumeDate? EndDate, string? Summary, IReadOnlyList<string> Highlights);

public sealed record Education(string? Institution, string? Url, string? Area, string? StudyType, ResumeDate? StartDate, ResumeDate? EndDate, string? Score, IReadOnlyList<string> Courses);

public sealed record Award(string? Title, ResumeDate? Date, string? Awarder, string? Summary);

public sealed record Certificate(string? Name, ResumeDate? Date, string? Issuer, string? Url);

public sealed record Publication(string? Name, string? Publisher, ResumeDate? ReleaseDate, string? Url, string? Summary);

public sealed record Skill(string? Name, string? Level, IReadOnlyList<string> Keywords);

public sealed record Language(string? Name, string? Fluency);

public sealed record Interest(string? Name, IReadOnlyList<string> Keywords);

public sealed record Reference(string? Name, string? Text);

public sealed record Project(string? Name, ResumeDate? StartDate, ResumeDate? EndDate, string? Description, IReadOnlyList<string> Highlights, string? Url);
