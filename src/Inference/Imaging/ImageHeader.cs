using System.Buffers.Binary;

namespace PortraitStream.Inference.Imaging;

/// <summary>
/// The pixel size an image file declares in its header, read without decoding, so <see cref="ImageLimits"/> can refuse
/// a huge image before a decoder allocates for it. Knows the formats the project reads: PNG (IHDR, PNG spec §11.2.2),
/// JPEG (the first SOFn segment, ITU-T T.81 §B.2.2), WebP (VP8 / VP8L / VP8X chunk, RFC 9649 §2.7) and BMP
/// (BITMAPINFOHEADER; a negative height means rows stored top-down).
/// </summary>
public static class ImageHeader
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>False, with <paramref name="why"/>, when the bytes are none of the known formats or their header is cut short.</summary>
    public static bool TryReadSize(ReadOnlySpan<byte> file, out int width, out int height, out string why)
    {
        (width, height, why) = (0, 0, "");
        bool known;
        if (file.StartsWith(PngSignature))
        {
            known = TryPng(file, out width, out height);
        }
        else if (file.Length >= 2 && file[0] == 0xFF && file[1] == 0xD8)
        {
            known = TryJpeg(file, out width, out height);
        }
        else if (file.Length >= 12 && file[..4].SequenceEqual("RIFF"u8) && file[8..12].SequenceEqual("WEBP"u8))
        {
            known = TryWebP(file, out width, out height);
        }
        else if (file.Length >= 2 && file[0] == (byte)'B' && file[1] == (byte)'M')
        {
            known = TryBmp(file, out width, out height);
        }
        else
        {
            why = "not a PNG, JPEG, WebP or BMP file";
            return false;
        }

        if (!known)
        {
            why = "its header is cut short or malformed";
        }
        return known;
    }

    /// <summary>
    /// Whether a PNG's chunks run whole to IEND (PNG spec §5.3: length, type, data, CRC). A cut-short PNG is refused
    /// here rather than handed to libpng, whose error handler, left at its default by OpenCV, prints to stderr.
    /// Other formats answer false: their decoders fail quietly.
    /// </summary>
    public static bool IsCutShortPng(ReadOnlySpan<byte> file)
    {
        if (!file.StartsWith(PngSignature))
        {
            return false;
        }
        long at = PngSignature.Length;
        while (at + 8 <= file.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(file[(int)at..]);
            var end = at + 12 + length;
            if (end > file.Length)
            {
                return true;
            }
            if (file.Slice((int)at + 4, 4).SequenceEqual("IEND"u8))
            {
                return false;
            }
            at = end;
        }
        return true;
    }

    private static bool TryPng(ReadOnlySpan<byte> file, out int width, out int height)
    {
        (width, height) = (0, 0);
        // Signature, then the IHDR chunk: length (4), type (4), width (4), height (4), big-endian.
        if (file.Length < 24 || !file[12..16].SequenceEqual("IHDR"u8))
        {
            return false;
        }
        return Declared(BinaryPrimitives.ReadUInt32BigEndian(file[16..]), BinaryPrimitives.ReadUInt32BigEndian(file[20..]), out width, out height);
    }

    private static bool TryJpeg(ReadOnlySpan<byte> file, out int width, out int height)
    {
        (width, height) = (0, 0);
        var at = 2;
        while (at + 4 <= file.Length)
        {
            if (file[at] != 0xFF)
            {
                return false;
            }
            var marker = file[at + 1];
            if (marker == 0xFF)
            {
                at++; // fill byte (T.81 §B.1.1.2)
                continue;
            }
            if (marker is 0x01 or >= 0xD0 and <= 0xD7)
            {
                at += 2; // TEM and RSTn carry no length
                continue;
            }
            var length = BinaryPrimitives.ReadUInt16BigEndian(file[(at + 2)..]);
            // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC): length, precision (1), lines (2), samples per line (2).
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                return at + 9 <= file.Length
                    && Declared(BinaryPrimitives.ReadUInt16BigEndian(file[(at + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(file[(at + 5)..]), out width, out height);
            }
            if (marker == 0xDA || length < 2)
            {
                return false; // scan data before any frame header
            }
            at += 2 + length;
        }
        return false;
    }

    private static bool TryWebP(ReadOnlySpan<byte> file, out int width, out int height)
    {
        (width, height) = (0, 0);
        if (file.Length < 30)
        {
            return false;
        }
        var chunk = file[12..16];
        var data = file[20..];
        if (chunk.SequenceEqual("VP8X"u8))
        {
            // Flags (4), canvas width − 1 (24 bits LE), canvas height − 1 (24 bits LE).
            return Declared(ReadUInt24(data[4..]) + 1u, ReadUInt24(data[7..]) + 1u, out width, out height);
        }
        if (chunk.SequenceEqual("VP8L"u8))
        {
            // Signature 0x2F, then 14 bits width − 1 and 14 bits height − 1, least significant bit first.
            if (data[0] != 0x2F)
            {
                return false;
            }
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(data[1..]);
            return Declared((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1, out width, out height);
        }
        if (chunk.SequenceEqual("VP8 "u8))
        {
            // Frame tag (3), start code 9D 01 2A, then 14-bit width and height (RFC 6386 §9.1), each with 2 scale bits.
            if (data[3] != 0x9D || data[4] != 0x01 || data[5] != 0x2A)
            {
                return false;
            }
            return Declared(BinaryPrimitives.ReadUInt16LittleEndian(data[6..]) & 0x3FFFu, BinaryPrimitives.ReadUInt16LittleEndian(data[8..]) & 0x3FFFu,
                out width, out height);
        }
        return false;
    }

    private static bool TryBmp(ReadOnlySpan<byte> file, out int width, out int height)
    {
        (width, height) = (0, 0);
        // File header (14), then the info header's size (4), width (4), height (4), little-endian, signed.
        if (file.Length < 26)
        {
            return false;
        }
        var w = BinaryPrimitives.ReadInt32LittleEndian(file[18..]);
        var h = BinaryPrimitives.ReadInt32LittleEndian(file[22..]);
        return h != int.MinValue && Declared((uint)Math.Max(w, 0), (uint)Math.Abs(h), out width, out height);
    }

    private static uint ReadUInt24(ReadOnlySpan<byte> bytes) => bytes[0] | ((uint)bytes[1] << 8) | ((uint)bytes[2] << 16);

    /// <summary>The declared size; one past int range is reported as int.MaxValue, which no limit lets through.</summary>
    private static bool Declared(uint w, uint h, out int width, out int height)
    {
        width = (int)Math.Min(w, int.MaxValue);
        height = (int)Math.Min(h, int.MaxValue);
        return true;
    }
}
