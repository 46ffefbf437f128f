using PortraitStream.Server.WebRtc.H264;
using PortraitStream.Server.WebRtc.Rtp;
using PortraitStream.Server.WebRtc.Video;

namespace PortraitStream.Server.Tests.WebRtc.H264;

/// <summary>RFC 6184 packetization mode 1 both ways: our packetizer's payloads, and the depacketizer on good and hostile input.</summary>
public sealed class H264PayloadTests
{
    private static RtpHeader Header(ushort seq, uint timestamp = 3000, bool marker = true) => new(marker, 102, seq, timestamp, 1);

    private static (bool Completed, DepacketizedFrame Frame) PushAll(H264Depacketizer depacketizer, IEnumerable<(RtpHeader Header, byte[] Payload)> packets)
    {
        bool completed = false;
        DepacketizedFrame result = default;
        foreach (var (header, payload) in packets)
        {
            if (depacketizer.TryPush(header, payload, out var frame))
            {
                completed = true;
                result = frame;
            }
        }

        return (completed, result);
    }

    [Fact]
    public void Rfc6184_S5_7_SmallUnits_AggregatedInOneStapA_RoundTrip()
    {
        var frame = H264TestFrames.KeyFrame(40);
        var packets = H264TestFrames.Packetize(frame, 10, 3000);

        var (_, payload) = Assert.Single(packets);
        Assert.Equal(H264NalHeader.StapA, payload[0] & 0x1F);
        Assert.Equal(0x60, payload[0] & 0x60); // NRI: the largest of the units' (RFC 6184 §5.7)
        var (completed, result) = PushAll(new H264Depacketizer(), packets);
        Assert.True(completed);
        Assert.True(result.IsKeyFrame);
        Assert.Equal(frame, result.Data.ToArray());
    }

    [Fact]
    public void Rfc6184_S5_8_LargeUnit_FuAFragmentsOfEqualSize_RoundTrip()
    {
        var frame = H264TestFrames.KeyFrame(1000);
        var packets = H264TestFrames.Packetize(frame, 65530, 3000); // across the sequence wrap

        // STAP-A of SPS + PPS, then FU-A: first with S, last with E, the unit's type in each FU header.
        Assert.Equal(H264NalHeader.StapA, packets[0].Payload[0] & 0x1F);
        var fragments = packets.Skip(1).ToList();
        Assert.All(fragments, p => Assert.Equal((H264TestFrames.IdrHeader & 0x60) | H264NalHeader.FuA, p.Payload[0]));
        Assert.All(fragments, p => Assert.Equal(H264NalHeader.IdrSlice, p.Payload[1] & 0x1F));
        Assert.Equal(0x80, fragments[0].Payload[1] & 0xC0);
        Assert.Equal(0x40, fragments[^1].Payload[1] & 0xC0);
        Assert.All(fragments.Skip(1).SkipLast(1), p => Assert.Equal(0, p.Payload[1] & 0xC0));
        Assert.InRange(fragments.Max(p => p.Payload.Length) - fragments.Min(p => p.Payload.Length), 0, 1);
        Assert.All(packets, p => Assert.InRange(p.Payload.Length, 1, 100));
        Assert.True(packets[^1].Header.Marker);

        var (completed, result) = PushAll(new H264Depacketizer(), packets);
        Assert.True(completed);
        Assert.Equal(frame, result.Data.ToArray());
    }

    [Fact]
    public void Rfc6184_S5_6_UnitThatFitsAlone_SentAsSingleNalUnitPacket()
    {
        var unit = H264TestFrames.Unit(H264TestFrames.NonIdrHeader, 90);
        var packets = H264TestFrames.Packetize(H264TestFrames.AccessUnit(unit), 1, 3000);

        Assert.Equal(unit, Assert.Single(packets).Payload);
    }

    [Fact]
    public void ThreeByteStartCodesAndTrailingZeros_AreNotPartOfTheUnits()
    {
        byte[] frame = [0, 0, 1, .. H264TestFrames.Unit(H264TestFrames.IdrHeader, 20), 0, 0, 0, 0, 1, .. H264TestFrames.Unit(H264TestFrames.NonIdrHeader, 9), 0];
        var packets = H264TestFrames.Packetize(frame, 1, 3000, budget: 1000);

        var (completed, result) = PushAll(new H264Depacketizer(), packets);
        Assert.True(completed);
        Assert.Equal(H264TestFrames.AccessUnit(H264TestFrames.Unit(H264TestFrames.IdrHeader, 20), H264TestFrames.Unit(H264TestFrames.NonIdrHeader, 9)),
            result.Data.ToArray());
    }

    [Fact]
    public void DeltaFrameFirst_Dropped_UntilAnIdrArrives()
    {
        var depacketizer = new H264Depacketizer();
        var delta = H264TestFrames.Packetize(H264TestFrames.DeltaFrame(300), 1, 3000);
        Assert.False(PushAll(depacketizer, delta).Completed);
        Assert.True(depacketizer.NeedsKeyFrame);

        var key = H264TestFrames.Packetize(H264TestFrames.KeyFrame(300), (ushort)(1 + delta.Count), 6000);
        Assert.True(PushAll(depacketizer, key).Completed);
        Assert.False(depacketizer.NeedsKeyFrame);
        Assert.True(PushAll(depacketizer, H264TestFrames.Packetize(H264TestFrames.DeltaFrame(300), (ushort)(1 + delta.Count + key.Count), 9000)).Completed);
        Assert.Equal(1, depacketizer.Counters.DroppedFrames);
    }

    [Fact]
    public void LostFragment_FrameAbandoned_RestOfItsTimestampDropped_KeyFrameNeeded()
    {
        var depacketizer = new H264Depacketizer();
        var key = H264TestFrames.Packetize(H264TestFrames.KeyFrame(300), 1, 3000);
        Assert.True(PushAll(depacketizer, key).Completed);
        var delta = H264TestFrames.Packetize(H264TestFrames.DeltaFrame(400), (ushort)(1 + key.Count), 6000);
        int next = 1 + key.Count + delta.Count;
        delta.RemoveAt(1);

        Assert.False(PushAll(depacketizer, delta).Completed);
        Assert.True(depacketizer.NeedsKeyFrame);
        // The next delta frame is whole but refers to the lost one: still dropped.
        Assert.False(PushAll(depacketizer, H264TestFrames.Packetize(H264TestFrames.DeltaFrame(50), (ushort)next, 9000)).Completed);
        Assert.True(PushAll(depacketizer, H264TestFrames.Packetize(H264TestFrames.KeyFrame(50), (ushort)(next + 1), 12000)).Completed);
    }

    [Fact]
    public void IdrWhoseFirstPacketsWereLost_NotMistakenForAKeyFrame()
    {
        var depacketizer = new H264Depacketizer();
        PushAll(depacketizer, H264TestFrames.Packetize(H264TestFrames.DeltaFrame(50), 1, 3000));
        // Two single-unit IDR slices of one picture; the packet with the first is lost.
        var idr = H264TestFrames.Packetize(H264TestFrames.AccessUnit(H264TestFrames.Unit(H264TestFrames.IdrHeader, 90), H264TestFrames.Unit(H264TestFrames.IdrHeader, 90)), 2, 6000);

        Assert.False(PushAll(depacketizer, idr.Skip(1)).Completed);
    }

    public static TheoryData<string, byte[]> Hostile => new()
    {
        { "forbidden bit on a single unit", [0xE5, 1, 2, 3] },
        { "forbidden bit on the FU indicator", [0x80 | 0x60 | 28, 0x85, 1, 2] },
        { "forbidden bit inside a STAP-A", [24, 0, 2, 0xE7, 1] },
        { "STAP-A size past the end", [24, 0, 9, 0x67, 1, 2] },
        { "STAP-A size of zero", [24, 0, 0, 0, 2, 0x67, 1] },
        { "STAP-A with one stray size byte", [24, 0, 2, 0x67, 1, 0] },
        { "STAP-A with no unit", [24] },
        { "STAP-A carrying an aggregate", [24, 0, 2, 24, 1] },
        { "FU-A with no fragment byte", [0x7C, 0x85] },
        { "FU-A with only the indicator", [0x7C] },
        { "FU-A with start and end set", [0x7C, 0xC5, 1, 2] },
        { "FU-A continuing a unit never started", [0x7C, 0x05, 1, 2] },
        { "FU-A of an FU-A", [0x7C, 0x9C, 1, 2] },
        { "STAP-B (mode 2 only)", [25, 0, 0, 0, 2, 0x67, 1] },
        { "MTAP16 (mode 2 only)", [26, 0, 1, 2, 3, 4, 5, 6] },
        { "FU-B (mode 2 only)", [29, 0x85, 0, 1, 2] },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Rfc6184_HostilePayload_CountedAsMalformed_FrameAbandoned_NextKeyFrameDecodes(string why, byte[] payload)
    {
        var depacketizer = new H264Depacketizer();
        Assert.True(PushAll(depacketizer, H264TestFrames.Packetize(H264TestFrames.KeyFrame(50), 1, 3000)).Completed);

        Assert.False(depacketizer.TryPush(Header(2, 6000), payload, out _), why);
        Assert.Equal(1, depacketizer.Counters.MalformedPackets);
        Assert.True(depacketizer.NeedsKeyFrame, why);
        Assert.True(PushAll(depacketizer, H264TestFrames.Packetize(H264TestFrames.KeyFrame(300), 3, 9000)).Completed, why);
    }

    [Fact]
    public void FuAStartThenMarker_WithoutEnd_TruncatedUnitNeverHandedOut()
    {
        var depacketizer = new H264Depacketizer();
        var packets = H264TestFrames.Packetize(H264TestFrames.AccessUnit(H264TestFrames.Unit(H264TestFrames.IdrHeader, 300)), 1, 3000);
        var (header, payload) = packets[0];

        Assert.False(depacketizer.TryPush(header with { Marker = true }, payload, out _));
        Assert.Equal(0, depacketizer.Counters.Frames);
        Assert.True(depacketizer.NeedsKeyFrame);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(30)]
    [InlineData(31)]
    public void Rfc6184_Table1_UnspecifiedOrReservedType_Skipped_FrameAroundItCompletes(int type)
    {
        var depacketizer = new H264Depacketizer();
        var packets = H264TestFrames.Packetize(H264TestFrames.KeyFrame(300), 1, 3000);
        packets.Insert(1, (Header(0, 3000, marker: false), [(byte)(0x60 | type), 1, 2, 3]));
        var renumbered = packets.Select((p, i) => (p.Header with { SequenceNumber = (ushort)(1 + i) }, p.Payload));

        var (completed, frame) = PushAll(depacketizer, renumbered);
        Assert.True(completed);
        Assert.Equal(H264TestFrames.KeyFrame(300), frame.Data.ToArray());
        Assert.Equal(1, depacketizer.Counters.MalformedPackets);
    }

    [Fact]
    public void OversizedAccessUnit_Refused()
    {
        var depacketizer = new H264Depacketizer();
        var unit = H264TestFrames.Unit(H264TestFrames.IdrHeader, 1000);
        var fu = new byte[1002];
        fu[0] = 0x7C;
        unit.AsSpan(1).CopyTo(fu.AsSpan(2));
        bool completed = false;
        for (int i = 0; i < (H264Depacketizer.MaxFrameLength / 1000) + 2; i++)
        {
            fu[1] = (byte)((i == 0 ? 0x80 : 0) | 5);
            completed |= depacketizer.TryPush(Header((ushort)i, 3000, marker: false), fu, out _);
        }

        Assert.False(completed);
        Assert.Equal(1, depacketizer.Counters.MalformedPackets);
    }

    [Fact]
    public void AccessUnitWithoutUnits_NoPayloads()
    {
        Assert.Equal(0, new H264Packetizer(100).BeginFrame([0, 0, 0, 1, 0, 0]));
    }
}
