using System.Text.Json;
using System.Text.Json.Serialization;

namespace CareerKit.Resumes;

/// <summary>A resume written back as a JSON Resume 1.0.0 document: its 1.0.0 names, ISO dates, nothing CareerKit adds.</summary>
public static class ResumeJson
{
    public const string Schema = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // A file to read and edit, never inlined into HTML: "Zoë", not "Zo\u00EB".
        Converters = { new IsoDate() },
    };

    public static byte[] Write(ResumeDocument resume) => JsonSerializer.SerializeToUtf8Bytes(new JsonResume(Schema, resume), Options);

    /// <summary>The schema named first, as JSON Resume tools write it; how the resume was read (legacy names, date forms) stays out.</summary>
    private sealed record JsonResume([property: JsonPropertyName("$schema")] string Schema, [property: JsonIgnore] ResumeDocument Resume)
    {
        public Basics? Basics => Resume.Basics;
        public IReadOnlyList<Work> Work => Resume.Work;
        public IReadOnlyList<Volunteer> Volunteer => Resume.Volunteer;
        public IReadOnlyList<Education> Education => Resume.Education;
        public IReadOnlyList<Award> Awards => Resume.Awards;
        public IReadOnlyList<Certificate> Certificates => Resume.Certificates;
        public IReadOnlyList<Publication> Publications => Resume.Publications;
        public IReadOnlyList<Skill> Skills => Resume.Skills;
        public IReadOnlyList<Language> Languages => Resume.Languages;
        public IReadOnlyList<Interest> Interests => Resume.Interests;
        public IReadOnlyList<Reference> References => Resume.References;
        public IReadOnlyList<Project> Projects => Resume.Projects;
    }

    private sealed class IsoDate : JsonConverter<ResumeDate>
    {
        public override ResumeDate? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            ResumeDate.TryParse(reader.GetString() ?? "", out var date) ? date : null;

        public override void Write(Utf8JsonWriter writer, ResumeDate value, JsonSerializerOptions options) => writer.WriteStringValue(value.Iso);
    }
}
