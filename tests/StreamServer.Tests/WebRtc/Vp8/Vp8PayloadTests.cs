using PortraitStream.Server.WebRtc.Rtp;
using PortraitStream.Server.WebRtc.Vp8;
using PortraitStream.Server.WebRtc.Video;

namespace PortraitStream.Server.Tests.WebRtc.Vp8;

public class Vp8PayloadTests
{
    [Theory]
    [InlineData("10", true, 0, -1, -1, -1, 1)]                 // S, no extension
    [InlineData("90 80 7F", true, 0, 127, -1, -1, 3)]          // 7-bit picture id
    [InlineData("90 80 81 23", true, 0, 0x123, -1, -1, 4)]     // 15-bit picture id (Chromium's form)
    [InlineData("82 E0 81 23 05 40", false, 2, 0x123, 5, 1, 6)] // + TL0PICIDX and TID = 1
    public void Rfc7741_Section4_2_DescriptorParse(string hex, bool start, int partition, int pictureId, int tl0, int tid, int consumed)
    {
        Assert.True(Vp8PayloadDescriptor.TryRead(Hex.Parse(hex + " FF"), out var d, out int used));
        Assert.Equal((start, (byte)partition, pictureId, tl0, tid, consumed), (d.StartOfPartition, d.PartitionIndex, d.PictureId, d.Tl0PicIndex, d.TemporalLayer, used));
    }

    [Theory]
    [InlineData("")]
    [InlineData("80")]       // X without extension octet
    [InlineData("80 80")]    // I without picture id
    [InlineData("80 80 80")] // M without second picture id byte
    [InlineData("80 40")]    // L without TL0PICIDX
    [InlineData("80 20")]    // T without TID octet
    public void Rfc7741_Section4_2_TruncatedDescriptor_Rejected(string hex) =>
        Assert.False(Vp8PayloadDescriptor.TryRead(Hex.Parse(hex), out _, out _));

    [Fact]
    public void Rfc7741_Section4_2_DescriptorWriteRead()
    {
        var buffer = new byte[4];
        Assert.True(new Vp8PayloadDescriptor(true, 0, PictureId: 0x4321).TryWrite(buffer));
        Assert.Equal("9080C321", Convert.ToHexString(buffer));
        Assert.True(Vp8PayloadDescriptor.TryRead(buffer, out var d, out _));
        Assert.Equal(0x4321, d.PictureId);
        Assert.True(d.StartsFrame);
    }

    internal static byte[] KeyFrame(int length, int width = 320, int height = 240) => Vp8TestFrames.KeyFrame(length, width, height);

    [Fact]
    public void Rfc7741_Section4_3_KeyFrameHeader()
    {
        var frame = KeyFrame(20, 640, 480);
        Assert.True(Vp8FrameHeader.IsKeyFrame(frame));
        Assert.True(Vp8FrameHeader.TryGetSize(frame, out int w, out int h));
        Assert.Equal((640, 480), (w, h));
        frame[0] |= 1;
        Assert.False(Vp8FrameHeader.IsKeyFrame(frame));
    }

    internal static List<(RtpHeader Header, byte[] Payload)> Packetize(byte[] frame, ushort firstSeq, uint timestamp, int budget = 100)
    {
        var packets = Vp8TestFrames.Packetize(frame, firstSeq, timestamp, budget);
        Assert.All(packets, p => Assert.InRange(p.Payload.Length, 5, budget));
        return packets;
    }

    [Fact]
    public void Rfc7741_Section4_5_PacketizeThenDepacketize_RestoresFrame()
    {
        var frame = KeyFrame(1000);
        var packets = Packetize(frame, 65530, 3000);
        Assert.Equal(11, packets.Count); // 1000 bytes in 96-byte shares
        var depacketizer = new Vp8Depacketizer();
        DepacketizedFrame result = default;
        int completed = 0;
        foreach (var (header, payload) in packets)
        {
            if (depacketizer.TryPush(header, payload, out result))
            {
                completed++;
                Assert.Equal(frame, result.Data.ToArray());
            }
        }

        Assert.Equal(1, completed);
        Assert.True(result.IsKeyFrame);
        Assert.False(depacketizer.NeedsKeyFrame);
    }

    [Fact]
    public void Rfc7741_Section4_5_LostPacket_DropsFrameAndWaitsForKeyFrame()
    {
        var depacketizer = new Vp8Depacketizer();
        foreach (var (h, p) in Packetize(KeyFrame(300), 1, 0))
        {
            depacketizer.TryPush(h, p, out _);
        }

        var delta = KeyFrame(300);
        delta[0] |= 1; // inter frame
        var lossy = Packetize(delta, 5, 3000);
        lossy.RemoveAt(1);
        foreach (var (h, p) in lossy)
        {
            Assert.False(depacketizer.TryPush(h, p, out _));
        }

        Assert.True(depacketizer.NeedsKeyFrame);
        // The next delta frame is refused too; the next key frame is accepted.
        Assert.DoesNotContain(Packetize(delta, 20, 6000), x => depacketizer.TryPush(x.Header, x.Payload, out _));
        Assert.Contains(Packetize(KeyFrame(300), 30, 9000), x => depacketizer.TryPush(x.Header, x.Payload, out _));
        Assert.Equal(2, depacketizer.Counters.Frames);
    }

    [Fact]
    public void Rfc7741_Section4_5_FirstFrameDelta_NotHandedOut()
    {
        var delta = KeyFrame(50);
        delta[0] |= 1;
        var depacketizer = new Vp8Depacketizer();
        Assert.DoesNotContain(Packetize(delta, 1, 0), x => depacketizer.TryPush(x.Header, x.Payload, out _));
        Assert.Equal(1, depacketizer.Counters.DroppedFrames);
    }
}
