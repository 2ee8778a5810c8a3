using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace CareerKit.Pdf.Document.Pdf;

/// <summary>
/// The bytes of a PDF file. Objects are reserved first so that they can refer to each other in any order. Streams
/// are written as they come; every other object (structure elements, annotations, dictionaries: a third of a tagged
/// resume) goes into one compressed object stream, and the cross-reference table is a compressed stream too (PDF 1.5).
/// </summary>
internal sealed class PdfFile
{
    private static readonly byte[] Header = [.. "%PDF-1.7\n%"u8, 0xE2, 0xE3, 0xCF, 0xD3, (byte)'\n'];
    private readonly MemoryStream _bytes = new();

    /// <summary>
    /// zlib level 2 for what each render writes anew (content, object stream): on the reference resume, compression
    /// took 18% of a profile of repeated renders at the default level 6, for a file only 5% smaller (23.7 against 24.9 KB).
    /// Fonts, built once per subset, use the smallest size.
    /// </summary>
    private static readonly ZLibCompressionOptions Quick = new() { CompressionLevel = 2 };

    /// <summary>Per object number: its offset in the file, or -1 while it waits in the object stream.</summary>
    private readonly List<long> _offsets = [0];
    private readonly List<(int Number, StringBuilder Body)> _packed = [];

    public PdfFile() => _bytes.Write(Header);

    public int Reserve()
    {
        _offsets.Add(-1);
        return _offsets.Count - 1;
    }

    public void Object(int number, StringBuilder body) => _packed.Add((number, body));

    /// <summary>A stream object: <paramref name="dictionary"/> holds its entries other than /Length.</summary>
    public void Stream(int number, string dictionary, ReadOnlySpan<byte> data)
    {
        Begin(number);
        WriteAscii(new StringBuilder("<<").Append(dictionary).Append("/Length ").Append(data.Length).Append(">>stream\n"));
        _bytes.Write(data);
        _bytes.Write("\nendstream\nendobj\n"u8);
    }

    /// <summary>Flate (zlib) compression, the filter every PDF reader supports.</summary>
    public static byte[] Compress(ReadOnlySpan<byte> data, CompressionLevel level)
    {
        using var compressed = new MemoryStream(data.Length / 3 + 64);
        using (var zlib = new ZLibStream(compressed, level, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return compressed.ToArray();
    }

    /// <summary>ASCII text (a content stream, the object stream) compressed without a copy of it as one string.</summary>
    public static byte[] Compress(StringBuilder text)
    {
        using var compressed = new MemoryStream(text.Length / 3 + 64);
        using (var zlib = new ZLibStream(compressed, Quick, leaveOpen: true))
        {
            var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(8192);
            foreach (var chunk in text.GetChunks())
            {
                for (var start = 0; start < chunk.Length; start += 8192)
                {
                    var part = chunk.Span.Slice(start, Math.Min(8192, chunk.Length - start));
                    zlib.Write(buffer, 0, Encoding.ASCII.GetBytes(part, buffer));
                }
            }

            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }

        return compressed.ToArray();
    }

    /// <summary>
    /// The object stream, then the cross-reference stream with the trailer's entries. The file's ID is a hash of its
    /// content, so the same input gives the same bytes.
    /// </summary>
    public byte[] Finish(int catalog, int info)
    {
        var objectStream = Reserve();
        WriteObjectStream(objectStream);
        var xref = Reserve();
        var id = Convert.ToHexString(MD5.HashData(_bytes.GetBuffer().AsSpan(0, (int)_bytes.Length)));
        _offsets[xref] = _bytes.Length;

        // Each entry: type (0 free, 1 at an offset, 2 in the object stream), offset or stream number, generation or index.
        var entries = new byte[_offsets.Count * 7];
        var packedIndex = _packed.Select((item, index) => (item.Number, index)).ToDictionary(pair => pair.Number, pair => pair.index);
        for (var number = 0; number < _offsets.Count; number++)
        {
            var entry = entries.AsSpan(number * 7, 7);
            if (number == 0)
            {
                BinaryPrimitives.WriteUInt16BigEndian(entry[5..], 0xFFFF);
            }
            else if (packedIndex.TryGetValue(number, out var index))
            {
                entry[0] = 2;
                BinaryPrimitives.WriteUInt32BigEndian(entry[1..], (uint)objectStream);
                BinaryPrimitives.WriteUInt16BigEndian(entry[5..], (ushort)index);
            }
            else
            {
                entry[0] = 1;
                BinaryPrimitives.WriteUInt32BigEndian(entry[1..], (uint)_offsets[number]);
            }
        }

        Stream(xref, new StringBuilder("/Type/XRef/Size ").Append(_offsets.Count).Append("/W[1 4 2]/Root ").Reference(catalog).Append("/Info ").Reference(info)
            .Append("/ID[<").Append(id).Append("><").Append(id).Append(">]/Filter/FlateDecode").ToString(), Compress(entries, CompressionLevel.Fastest));
        WriteAscii(new StringBuilder("startxref\n").Append(_offsets[xref]).Append("\n%%EOF\n"));
        return _bytes.ToArray();
    }

    private void WriteObjectStream(int number)
    {
        var index = new StringBuilder();
        var bodies = new StringBuilder();
        foreach (var (objectNumber, body) in _packed)
        {
            index.Append(objectNumber).Append(' ').Append(bodies.Length).Append(' ');
            bodies.Append(body).Append('\n');
        }

        index.Append('\n');
        var first = index.Length;
        Stream(number, $"/Type/ObjStm/N {_packed.Count}/First {first}/Filter/FlateDecode", Compress(index.Append(bodies)));
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
