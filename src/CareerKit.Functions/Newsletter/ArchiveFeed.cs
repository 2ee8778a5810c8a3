using System.Globalization;
using System.Text;
using System.Xml;
using CareerKit.Hosting;

namespace CareerKit.Newsletter;

/// <summary>The archive as an Atom 1.0 feed (RFC 4287): the newest 50 editions, every value escaped by the writer.</summary>
public static class ArchiveFeed
{
    public const int MaxEntries = 50;
    private const string Atom = "http://www.w3.org/2005/Atom";

    /// <returns>The feed as UTF-8 bytes, as its XML declaration says.</returns>
    public static byte[] Write(IReadOnlyList<EditionRecord> sent, CareerKitOptions options)
    {
        using var bytes = new MemoryStream();
        using (var xml = XmlWriter.Create(bytes, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false) }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", Atom);
            xml.WriteElementString("id", Atom, options.LinkTo("/archive"));
            xml.WriteElementString("title", Atom, "CareerKit weekly career tips");
            xml.WriteElementString("subtitle", Atom, "Past editions of the weekly tips email for ML and AI engineers.");
            xml.WriteElementString("updated", Atom, Timestamp(sent.Count > 0 ? Edition.MondayOf(sent[0].IsoWeek) : DateTimeOffset.UnixEpoch));
            Link(xml, options.LinkTo("/archive/feed.xml"), "self", "application/atom+xml");
            Link(xml, options.LinkTo("/archive"), "alternate", "text/html");
            xml.WriteStartElement("author", Atom);
            xml.WriteElementString("name", Atom, "CareerKit");
            xml.WriteEndElement();

            foreach (var record in sent.Take(MaxEntries))
            {
                var url = options.LinkTo($"/archive/{record.Id}");
                var track = record.Track.DisplayName();
                xml.WriteStartElement("entry", Atom);
                xml.WriteElementString("id", Atom, url);
                xml.WriteElementString("title", Atom, record.Subject);
                xml.WriteElementString("updated", Atom, Timestamp(Edition.MondayOf(record.IsoWeek)));
                Link(xml, url, "alternate", "text/html");
                xml.WriteStartElement("category", Atom);
                xml.WriteAttributeString("term", record.Track.Code());
                xml.WriteAttributeString("label", track);
                xml.WriteEndElement();
                xml.WriteElementString("summary", Atom, $"{track} tips, week {record.IsoWeek}. {record.Preheader}".Trim());
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        return bytes.ToArray();
    }

    private static void Link(XmlWriter xml, string href, string rel, string type)
    {
        xml.WriteStartElement("link", Atom);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    private static string Timestamp(DateTimeOffset when) => when.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
