using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace CareerKit.Pdf.Document.Pdf;

/// <summary>
/// The bytes of a PDF file: numbered objects written one after another, then the cross-reference table and the
/// trailer. Objects are reserved first so that they can refer to each other in any order.
/// </summary>
internal sealed class PdfFile
{
    private static readonly byte[] Header = [.. "%PDF-1.7\n%"u8, 0xE2, 0xE3, 0xCF, 0xD3, (byte)'\n'];
    private readonly MemoryStream _bytes = new();
    private readonly List<long> _offsets = [0];

    public PdfFile() => _bytes.Write(Header);

    public int Reserve()
    {
        _offsets.Add(-1);
        return _offsets.Count - 1;
    }

    public void Object(int number, StringBuilder body)
    {
        Begin(number);
        WriteAscii(body);
        _bytes.Write("\nendobj\n"u8);
    }

    /// <summary>A stream object: <paramref name="dictionary"/> holds its entries other than /Length.</summary>
    public void Stream(int number, string dictionary, ReadOnlySpan<byte> data)
    {
        Begin(number);
        WriteAscii(new StringBuilder("<<").Append(dictionary).Append("/Length ").Append(data.Length).Append(">>stream\n"));
        _bytes.Write(data);
        _bytes.Write("\nendstream\nendobj\n"u8);
    }

    /// <summary>Flate (zlib) compression, the filter every PDF reader supports.</summary>
    public static byte[] Compress(ReadOnlySpan<byte> data, CompressionLevel level = CompressionLevel.Optimal)
    {
        using var compressed = new MemoryStream(data.Length / 3 + 64);
        using (var zlib = new ZLibStream(compressed, level, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return compressed.ToArray();
    }

    /// <summary>The cross-reference table and trailer; the file's ID is a hash of its content, so the same input gives the same bytes.</summary>
    public byte[] Finish(int catalog, int info)
    {
        var id = Convert.ToHexString(MD5.HashData(_bytes.GetBuffer().AsSpan(0, (int)_bytes.Length)));
        var startXref = _bytes.Length;
        var table = new StringBuilder().Append("xref\n0 ").Append(_offsets.Count).Append("\n0000000000 65535 f \n");
        foreach (var offset in _offsets.Skip(1))
        {
            table.Append(offset.ToString("D10", System.Globalization.CultureInfo.InvariantCulture)).Append(" 00000 n \n");
        }

        table.Append("trailer\n<</Size ").Append(_offsets.Count).Append("/Root ").Reference(catalog).Append("/Info ").Reference(info)
            .Append("/ID[<").Append(id).Append("><").Append(id).Append(">]>>\nstartxref\n").Append(startXref).Append("\n%%EOF\n");
        WriteAscii(table);
        return _bytes.ToArray();
    }

    private void Begin(int number)
    {
        _offsets[number] = _bytes.Length;
        WriteAscii(new StringBuilder().Append(number).Append(" 0 obj\n"));
    }

    private void WriteAscii(StringBuilder text)
    {
        foreach (var chunk in text.GetChunks())
        {
            var span = chunk.Span;
            var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(span.Length);
            var length = Encoding.ASCII.GetBytes(span, buffer);
            _bytes.Write(buffer, 0, length);
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
