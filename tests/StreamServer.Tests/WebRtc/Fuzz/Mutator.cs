namespace PortraitStream.Server.Tests.WebRtc.Fuzz;

/// <summary>Seeded random mutations of valid packets: bit flips, byte stores, truncation, growth, splices.</summary>
internal sealed class Mutator(int seed)
{
    private readonly Random _random = new(seed);

    public byte[] Mutate(byte[] valid)
    {
        var bytes = (byte[])valid.Clone();
        int edits = 1 + _random.Next(4);
        for (int e = 0; e < edits; e++)
        {
            switch (_random.Next(5))
            {
                case 0 when bytes.Length > 0:
                    bytes[_random.Next(bytes.Length)] ^= (byte)(1 << _random.Next(8));
                    break;
                case 1 when bytes.Length > 0:
                    bytes[_random.Next(bytes.Length)] = (byte)_random.Next(256);
                    break;
                case 2:
                    Array.Resize(ref bytes, _random.Next(bytes.Length + 1));
                    break;
                case 3:
                    int extra = _random.Next(64);
                    int old = bytes.Length;
                    Array.Resize(ref bytes, old + extra);
                    _random.NextBytes(bytes.AsSpan(old));
                    break;
                default:
                    if (bytes.Length > 4)
                    {
                        // Length fields live early: randomise one of the first few 16-bit words.
                        int at = _random.Next(Math.Min(bytes.Length - 1, 24));
                        bytes[at] = (byte)_random.Next(256);
                        bytes[at + 1] = (byte)_random.Next(256);
                    }

                    break;
            }
        }

        return bytes;
    }

    /// <summary>
    /// Text edits for line- and token-oriented formats (SDP, JSON): a few characters replaced by the format's own
    /// punctuation and digits, which keeps most of the text parseable so the checks behind the syntax are reached,
    /// then half the time a cut at a random place.
    /// </summary>
    public byte[] MutateText(byte[] valid, string alphabet)
    {
        var bytes = (byte[])valid.Clone();
        int edits = 1 + _random.Next(20);
        for (int e = 0; e < edits; e++)
        {
            bytes[_random.Next(bytes.Length)] = (byte)alphabet[_random.Next(alphabet.Length)];
        }

        return _random.Next(2) == 0 ? bytes[.._random.Next(bytes.Length)] : bytes;
    }

    public byte[] RandomPacket()
    {
        var bytes = new byte[_random.Next(1600)];
        _random.NextBytes(bytes);
        return bytes;
    }
}
