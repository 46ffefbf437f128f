namespace PortraitStream.Server.WebRtc.Stun;

/// <summary>
/// CRC-32 as ISO/IEC 13239 and ITU V.42 define it (reflected polynomial 0xEDB88320), the checksum STUN's
/// FINGERPRINT uses (RFC 8489 §14.7). Table-driven; the table is built once.
/// </summary>
internal static class Crc32
{
    private const uint ReflectedPolynomial = 0xEDB88320;
    private static readonly uint[] Table = BuildTable();

    /// <summary>CRC-32 of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < table.Length; i++)
        {
            uint c = i;
            for (int bit = 0; bit < 8; bit++)
            {
                c = (c & 1) != 0 ? ReflectedPolynomial ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}
