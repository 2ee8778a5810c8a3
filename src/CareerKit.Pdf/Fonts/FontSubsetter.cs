using System.Runtime.InteropServices;
using HarfBuzzSharp;

namespace CareerKit.Pdf.Fonts;

/// <summary>
/// Cuts a font down to the characters a document uses, with HarfBuzz's own subsetter (hb-subset), which the
/// managed HarfBuzzSharp does not wrap. Skia embeds whole fonts; a subset makes a resume tens of KB, not hundreds.
/// </summary>
internal static partial class FontSubsetter
{
    private const string Library = "libHarfBuzzSharp";
    private const uint NoHinting = 0x1; // HB_SUBSET_FLAGS_NO_HINTING: PDF viewers do not need hinting.

    public static byte[] Subset(byte[] font, IEnumerable<int> codePoints)
    {
        var pinned = GCHandle.Alloc(font, GCHandleType.Pinned);
        try
        {
            using var blob = new Blob(pinned.AddrOfPinnedObject(), font.Length, MemoryMode.ReadOnly);
            using var face = new Face(blob, 0);
            var input = hb_subset_input_create_or_fail();
            if (input == IntPtr.Zero)
            {
                throw new InvalidOperationException("HarfBuzz could not start a font subset.");
            }

            try
            {
                var unicodes = hb_subset_input_unicode_set(input);
                foreach (var codePoint in codePoints)
                {
                    hb_set_add(unicodes, (uint)codePoint);
                }

                hb_subset_input_set_flags(input, NoHinting);
                var subset = hb_subset_or_fail(face.Handle, input);
                if (subset == IntPtr.Zero)
                {
                    throw new InvalidOperationException("HarfBuzz could not subset the font.");
                }

                try
                {
                    return Bytes(subset);
                }
                finally
                {
                    hb_face_destroy(subset);
                }
            }
            finally
            {
                hb_subset_input_destroy(input);
            }
        }
        finally
        {
            pinned.Free();
        }
    }

    private static byte[] Bytes(IntPtr face)
    {
        var blob = hb_face_reference_blob(face);
        try
        {
            var data = hb_blob_get_data(blob, out var length);
            var bytes = new byte[length];
            Marshal.Copy(data, bytes, 0, (int)length);
            return bytes;
        }
        finally
        {
            hb_blob_destroy(blob);
        }
    }

    [LibraryImport(Library)]
    private static partial IntPtr hb_subset_input_create_or_fail();

    [LibraryImport(Library)]
    private static partial IntPtr hb_subset_input_unicode_set(IntPtr input);

    [LibraryImport(Library)]
    private static partial void hb_set_add(IntPtr set, uint codePoint);

    [LibraryImport(Library)]
    private static partial void hb_subset_input_set_flags(IntPtr input, uint flags);

    [LibraryImport(Library)]
    private static partial IntPtr hb_subset_or_fail(IntPtr face, IntPtr input);

    [LibraryImport(Library)]
    private static partial void hb_subset_input_destroy(IntPtr input);

    [LibraryImport(Library)]
    private static partial void hb_face_destroy(IntPtr face);

    [LibraryImport(Library)]
    private static partial IntPtr hb_face_reference_blob(IntPtr face);

    [LibraryImport(Library)]
    private static partial IntPtr hb_blob_get_data(IntPtr blob, out uint length);

    [LibraryImport(Library)]
    private static partial void hb_blob_destroy(IntPtr blob);
}
