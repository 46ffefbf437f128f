namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>
/// How a frame's number becomes the bits <see cref="CounterCamera"/> draws, and back: the number in reflected Gray
/// code, then <see cref="CheckBits"/> of CRC over those Gray bits (most significant first, no initial value or
/// reflection; <see cref="Polynomial"/> without its x^CheckBits term). web/latency.js decodes the same way, from the
/// parameters this serialises to.
/// <para>
/// Why: VP8 can leave some bits' blocks stale, so a frame can show bits of two numbers. In Gray code consecutive
/// numbers differ in one bit, so a mix of n and n ± 1 reads as one of them, never as a third; with
/// <see cref="NumberBits"/> bits and a clip of <see cref="Capacity"/> frames that holds across the loop point too.
/// Numbers further apart differ in a few Gray bits, and the check bits reject the mixes that would read as a third
/// number: exhaustively checked, every mix of two numbers up to <see cref="CatchesMixesWithin"/> apart (cyclically)
/// reads as one of the two or is rejected. Beyond that some mixes still read as a third number (perf/RESULTS-latency.md
/// gives the fractions).
/// </para>
/// </summary>
internal sealed record FrameCode(int NumberBits, int CheckBits, int Polynomial, int CatchesMixesWithin)
{
    /// <summary>
    /// Echo mode's strip has 16 bits: 9 number bits (a 512-frame, 17 s clip) and 7 check bits, CRC-7 x^7 + x^5 + x^3 +
    /// x^2 + x + 1, the best of the 64 CRC-7 polynomials for this (the first miss is 8 apart).
    /// </summary>
    public static FrameCode Echo { get; } = new(9, 7, 0x2F, 7);

    /// <summary>
    /// Pipeline mode has room for 12 bits beside the face (<see cref="FaceCode"/>): 9 number bits and a CRC-3,
    /// x^3 + x^2 + x + 1 (no CRC-3 catches every mix 3 apart; this one rejects 91 % of the mixes of numbers 2–30 apart).
    /// </summary>
    public static FrameCode Pipeline { get; } = new(9, 3, 0x7, 2);

    /// <summary>How many bits, each a block and its complement's, a word has.</summary>
    public int Bits => NumberBits + CheckBits;

    /// <summary>The number of distinct numbers the code can carry: a clip's numbers must not repeat before its end.</summary>
    public int Capacity => 1 << NumberBits;

    /// <summary>The <see cref="Bits"/>-bit word for <paramref name="number"/>: Gray-coded number, then its check bits.</summary>
    public int Encode(int number)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(number, Capacity);
        var gray = number ^ (number >> 1);
        return gray << CheckBits | Check(gray);
    }

    /// <summary>The number a word read from a frame carries, or −1 when its check bits disagree (a mix of frames).</summary>
    public int Decode(int word)
    {
        var gray = word >> CheckBits;
        if (gray >= Capacity || Check(gray) != (word & ((1 << CheckBits) - 1)))
        {
            return -1;
        }

        var number = gray;
        for (var shift = gray >> 1; shift != 0; shift >>= 1)
        {
            number ^= shift;
        }

        return number;
    }

    private int Check(int gray)
    {
        int mask = (1 << CheckBits) - 1, remainder = 0;
        for (var i = NumberBits - 1; i >= 0; i--)
        {
            var feedback = ((gray >> i) & 1) ^ ((remainder >> (CheckBits - 1)) & 1);
            remainder = (remainder << 1) & mask;
            if (feedback == 1)
            {
                remainder ^= Polynomial;
            }
        }

        return remainder;
    }
}
