using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CareerKit.Email;

/// <summary>
/// The body of one bulk mail/send request (SendGrid v3), written straight to UTF-8: a 1,000-recipient batch is
/// about a megabyte, and building it through the SendGrid library's object model and Newtonsoft costs three
/// times as much per recipient (docs/benchmarks.md). Single emails still go through the library.
/// </summary>
internal static class SendGridBulkRequest
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static ReadOnlyMemory<byte> Write(BulkEmail email, SendGridOptions settings)
    {
        var buffer = new ArrayBufferWriter<byte>(email.Html.Length + email.Text.Length + (email.Recipients.Count * 1024));
        using var json = new Utf8JsonWriter(buffer, Options);
        json.WriteStartObject();
        json.WriteStartArray("personalizations");
        foreach (var recipient in email.Recipients)
        {
            json.WriteStartObject();
            json.WriteStartArray("to");
            json.WriteStartObject();
            json.WriteString("email", recipient.Email);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartObject("substitutions");
            Pairs(json, recipient.HtmlValues);
            Pairs(json, recipient.TextValues);
            json.WriteEndObject();
            Object(json, "headers", recipient.Headers);
            Object(json, "custom_args", recipient.CustomArgs);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("from");
        json.WriteString("email", settings.FromEmail);
        json.WriteString("name", settings.FromName);
        json.WriteEndObject();
        json.WriteString("subject", email.Subject);
        json.WriteStartArray("content"); // text/plain must come first.
        Content(json, "text/plain", email.Text);
        Content(json, "text/html", email.Html);
        json.WriteEndArray();
        if (email.Categories.Count > 0)
        {
            json.WriteStartArray("categories");
            foreach (var category in email.Categories)
            {
                json.WriteStringValue(category);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.Flush();
        return buffer.WrittenMemory;
    }

    private static void Object(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        json.WriteStartObject(name);
        Pairs(json, values);
        json.WriteEndObject();
    }

    private static void Pairs(Utf8JsonWriter json, IReadOnlyDictionary<string, string> values)
    {
        foreach (var (key, value) in values)
        {
            json.WriteString(key, value);
        }
    }

    private static void Content(Utf8JsonWriter json, string type, string value)
    {
        json.WriteStartObject();
        json.WriteString("type", type);
        json.WriteString("value", value);
        json.WriteEndObject();
    }
}
