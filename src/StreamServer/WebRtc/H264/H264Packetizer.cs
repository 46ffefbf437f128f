using System.Buffers.Binary;
using PortraitStream.Server.WebRtc.Video;

namespace PortraitStream.Server.WebRtc.H264;

/// <summary>
/// Splits an H.264 access unit (Annex B byte stream, as OpenH264 writes it) into RTP payloads within a size budget,
/// in packetization mode 1 (RFC 6184 §6.3): runs of small NAL units that fit together go in one STAP-A (§5.7.1) —
/// the SPS and PPS before every IDR, typically — a unit that fits alone goes as a single NAL unit packet (§5.6), and
/// a larger one as FU-A fragments of equal size (§5.8). Units are sent in decoding order, as the mode requires.
/// </summary>
internal sealed class H264Packetizer : IVideoPacketizer
{
    // RFC 6184 §5.7.1: STAP-A is a one-byte NAL header, then per unit a 16-bit size and the unit.
    private const int StapAHeaderLength = 1, StapASizeLength = 2;
    // RFC 6184 §5.8: FU indicator and FU header, then the fragment.
    private const int FuHeaderLength = 2;
    private const byte FuStartBit = 0x80, FuEndBit = 0x40;

    private readonly int _maxPayloadLength;
    private readonly List<(int Offset, int Length)> _units = [];
    private readonly List<Fragment> _fragments = [];

    /// <summary>
    /// <paramref name="maxPayloadLength"/> is the RTP payload budget: MTU minus IP, UDP, RTP and SRTP overhead.
    /// </summary>
    public H264Packetizer(int maxPayloadLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPayloadLength, FuHeaderLength + 1);
        _maxPayloadLength = maxPayloadLength;
    }

    public bool IsKeyFrame(ReadOnlySpan<byte> frame)
    {
        var reader = new AnnexBReader(frame);
        while (reader.TryNext(out int offset, out int length))
        {
            if (length > 0 && H264NalHeader.Type(frame[offset]) == H264NalHeader.IdrSlice)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Plans the payloads of <paramref name="frame"/>; none for an access unit without a NAL unit.</summary>
    public int BeginFrame(ReadOnlySpan<byte> frame)
    {
        _units.Clear();
        _fragments.Clear();
        var reader = new AnnexBReader(frame);
        while (reader.TryNext(out int offset, out int length))
        {
            _units.Add((offset, length));
        }

        for (int unit = 0; unit < _units.Count;)
        {
            int length = _units[unit].Length;
            if (length > _maxPayloadLength)
            {
                PlanFragmentation(unit);
                unit++;
                continue;
            }

            // Aggregate the following units while the STAP-A still fits; one unit alone goes as itself.
            int aggregated = StapAHeaderLength + StapASizeLength + length, count = 1;
            while (unit + count < _units.Count
                   && aggregated + StapASizeLength + _units[unit + count].Length <= _maxPayloadLength)
            {
                aggregated += StapASizeLength + _units[unit + count].Length;
                count++;
            }

            _fragments.Add(count == 1 ? new Fragment(FragmentKind.Single, unit, 1, 0, length)
                : new Fragment(FragmentKind.StapA, unit, count, 0, aggregated));
            unit += count;
        }

        return _fragments.Count;
    }

    /// <summary>Writes fragment <paramref name="index"/> of <paramref name="count"/>; returns its length or 0 if it does not fit.</summary>
    public int WriteFragment(ReadOnlySpan<byte> frame, int index, int count, Span<byte> destination)
    {
        if (index >= _fragments.Count)
        {
            return 0;
        }

        var fragment = _fragments[index];
        var (offset, length) = _units[fragment.Unit];
        if (destination.Length < fragment.Length)
        {
            return 0;
        }

        switch (fragment.Kind)
        {
            case FragmentKind.Single:
                frame.Slice(offset, length).CopyTo(destination);
                return length;
            case FragmentKind.StapA:
                return WriteStapA(frame, fragment, destination);
            default:
                return WriteFuA(frame.Slice(offset, length), fragment, destination);
        }
    }

    private void PlanFragmentation(int unit)
    {
        // The unit's own header byte is not sent: its F and NRI go in the FU indicator, its type in the FU header.
        int body = _units[unit].Length - 1;
        int chunk = _maxPayloadLength - FuHeaderLength;
        int pieces = (body + chunk - 1) / chunk;
        // Equal shares, the first ones one byte longer, so no tiny trailing packet.
        int share = body / pieces, extra = body % pieces;
        for (int i = 0, start = 1; i < pieces; i++)
        {
            int length = share + (i < extra ? 1 : 0);
            var kind = i == 0 ? FragmentKind.FuAStart : i == pieces - 1 ? FragmentKind.FuAEnd : FragmentKind.FuAMiddle;
            _fragments.Add(new Fragment(kind, unit, 1, start, FuHeaderLength + length));
            start += length;
        }
    }

    private int WriteStapA(ReadOnlySpan<byte> frame, Fragment fragment, Span<byte> destination)
    {
        // RFC 6184 §5.7: F is the OR of the units' F bits, NRI their maximum.
        byte forbidden = 0, nri = 0;
        int written = StapAHeaderLength;
        for (int i = fragment.Unit; i < fragment.Unit + fragment.UnitCount; i++)
        {
            var (offset, length) = _units[i];
            var unit = frame.Slice(offset, length);
            forbidden |= (byte)(unit[0] & H264NalHeader.ForbiddenBit);
            nri = Math.Max(nri, (byte)(unit[0] & H264NalHeader.NriMask));
            BinaryPrimitives.WriteUInt16BigEndian(destination[written..], (ushort)length);
            unit.CopyTo(destination[(written + StapASizeLength)..]);
            written += StapASizeLength + length;
        }

        destination[0] = (byte)(forbidden | nri | H264NalHeader.StapA);
        return written;
    }

    private static int WriteFuA(ReadOnlySpan<byte> unit, Fragment fragment, Span<byte> destination)
    {
        int length = fragment.Length - FuHeaderLength;
        byte startEnd = fragment.Kind switch
        {
            FragmentKind.FuAStart => FuStartBit,
            FragmentKind.FuAEnd => FuEndBit,
            _ => 0,
        };
        destination[0] = (byte)((unit[0] & (H264NalHeader.ForbiddenBit | H264NalHeader.NriMask)) | H264NalHeader.FuA);
        destination[1] = (byte)(startEnd | H264NalHeader.Type(unit[0]));
        unit.Slice(fragment.Start, length).CopyTo(destination[FuHeaderLength..]);
        return fragment.Length;
    }

    private enum FragmentKind { Single, StapA, FuAStart, FuAMiddle, FuAEnd }

    /// <summary>One payload: which units it carries and, for FU-A, where in the unit its bytes start; its total length.</summary>
    private readonly record struct Fragment(FragmentKind Kind, int Unit, int UnitCount, int Start, int Length);
}
