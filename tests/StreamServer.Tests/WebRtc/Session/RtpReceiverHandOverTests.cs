using System.Buffers;
using PortraitStream.Server.Media.Codecs;
using PortraitStream.Server.Tests.Media.Codecs;
using PortraitStream.Server.Tests.WebRtc.H264;
using PortraitStream.Server.Tests.WebRtc.Vp8;
using PortraitStream.Server.WebRtc.Rtp;
using PortraitStream.Server.WebRtc.Session;
using PortraitStream.Server.WebRtc.Video;
using PortraitStream.Server.WebRtc.Vp8;

namespace PortraitStream.Server.Tests.WebRtc.Session;

/// <summary>
/// What <see cref="RtpReceiver"/> hands the decoder once a whole frame was lost after the depacketizer: dropped at the
/// hand-over (the media handler fell a full queue behind) or refused by the decoder. Regression: the frames after a
/// dropped one were handed out and decoded against references that missed it, so under load the server's picture of
/// the camera showed blocks of older frames — the "damaged VP8 macroblocks" of PipelineLatencyEndToEndTests — until the
/// browser's key frame came, and one PLI asked for it however many were lost.
/// </summary>
public sealed class RtpReceiverHandOverTests
{
    private const byte PayloadType = 96;
    private const int FrameTicks = 3000;
    private static readonly TimeSpan PliInterval = TimeSpan.FromMilliseconds(500);
    private readonly ManualTimeProvider _time = new();
    private ushort _sequence = 65_500; // wraps within the test

    [Fact]
    public void HandOverOverflow_EveryPictureDecodedEqualsTheSendersStream()
    {
        const int width = 160, height = 120;
        using var encoder = new Vp8Encoder(new Vp8EncoderOptions { Width = width, Height = height, TargetBitrateKbps = 300 });
        var packetizer = new Vp8Packetizer(1100, firstPictureId: 0x7FF0);
        using var everyFrame = new Vp8Decoder(); // what the sender's stream decodes to, frame by frame
        using var handedOut = new Vp8Decoder();  // what the receiver's frames decode to
        var receiver = new RtpReceiver(VideoCodec.Vp8, PayloadType, 0x2222, _time);
        var expected = new Dictionary<uint, byte[]>();
        var decoded = new List<int>();
        var encoded = new ArrayBufferWriter<byte>();

        void Send(int index, bool keyFrame = false)
        {
            using var source = SyntheticVideo.Frame(width, height, index);
            if (keyFrame)
            {
                encoder.RequestKeyframe();
            }

            encoded.Clear();
            Assert.True(encoder.TryEncode(source, index * FrameTicks, encoded, out _));
            Assert.Equal(VideoDecodeStatus.Decoded, everyFrame.Decode(encoded.WrittenSpan, out var picture));
            using (picture)
            {
                expected[(uint)(index * FrameTicks)] = picture!.Planes.ToArray();
            }

            int count = packetizer.BeginFrame(encoded.WrittenSpan);
            for (int i = 0; i < count; i++)
            {
                var packet = new byte[1200];
                var header = new RtpHeader(i == count - 1, PayloadType, _sequence++, (uint)(index * FrameTicks), 0x1111);
                Assert.True(header.TryWrite(packet));
                int payload = packetizer.WriteFragment(encoded.WrittenSpan, i, count, packet.AsSpan(RtpHeader.FixedLength));
                receiver.OnRtp(packet.AsSpan(0, RtpHeader.FixedLength + payload));
            }
        }

        void DecodeHandedOut()
        {
            while (receiver.Frames.TryRead(out var frame))
            {
                using (frame)
                {
                    Assert.Equal(VideoDecodeStatus.Decoded, handedOut.Decode(frame.Data, out var picture));
                    using (picture)
                    {
                        int index = (int)(frame.RtpTimestamp / FrameTicks);
                        decoded.Add(index);
                        // Bit-exact: a decoder given every reference reproduces the sender's stream exactly.
                        Assert.True(expected[frame.RtpTimestamp].AsSpan().SequenceEqual(picture!.Planes),
                            $"frame {index} decoded against missing references (frames handed out so far: {string.Join(' ', decoded)})");
                    }
                }
            }
        }

        // Twelve frames while the handler reads none: the queue keeps eight, frame 8 finds it full, and 9–11 refer to it.
        for (int i = 0; i < 12; i++)
        {
            Send(i);
        }

        DecodeHandedOut();
        // The handler keeps up again; the delta frames that follow still miss frames 8–11 and wait for a key frame,
        // which is asked for, and asked again while it does not come.
        var feedback = new byte[1500];
        for (int i = 12; i < 20; i++)
        {
            Send(i);
            DecodeHandedOut();
            receiver.WriteFeedback(feedback, reportDue: false);
            _time.Advance(TimeSpan.FromMilliseconds(100));
        }

        Send(20, keyFrame: true);
        Send(21);
        DecodeHandedOut();
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 20, 21], decoded);
        Assert.Equal((1, 2), (receiver.OverflowedFrames, receiver.PlisSent));
    }

    /// <summary>The decoder refused a frame (<see cref="RtpReceiver.RequestKeyFrame"/>): its references are gone too.</summary>
    [Theory]
    [InlineData(VideoCodec.Vp8)]
    [InlineData(VideoCodec.H264)]
    public void DecoderLostReferences_DeltaFramesHeldBack_PliRepeated_UntilKeyFrame(VideoCodec codec)
    {
        var receiver = new RtpReceiver(codec, PayloadType, 0x2222, _time);
        var feedback = new byte[1500];
        Assert.True(Push(receiver, codec, key: true, 0));
        Assert.True(Push(receiver, codec, key: false, 1));
        Assert.Equal(0, receiver.WriteFeedback(feedback, reportDue: false));

        receiver.RequestKeyFrame();
        Assert.True(receiver.WriteFeedback(feedback, reportDue: false) > 0);
        Assert.False(Push(receiver, codec, key: false, 2));
        _time.Advance(PliInterval);
        Assert.False(Push(receiver, codec, key: false, 3));
        Assert.True(receiver.WriteFeedback(feedback, reportDue: false) > 0);
        Assert.Equal(2, receiver.PlisSent);

        Assert.True(Push(receiver, codec, key: true, 4));
        Assert.True(Push(receiver, codec, key: false, 5));
        _time.Advance(PliInterval);
        Assert.Equal(0, receiver.WriteFeedback(feedback, reportDue: false));
        Assert.Equal(2, receiver.PlisSent);
    }

    /// <summary>Sends one test frame (parses as a frame, decodes as nothing) and says whether the receiver handed it out.</summary>
    private bool Push(RtpReceiver receiver, VideoCodec codec, bool key, int index)
    {
        byte[] frame;
        List<(RtpHeader Header, byte[] Payload)> packets;
        if (codec == VideoCodec.Vp8)
        {
            frame = Vp8TestFrames.KeyFrame(300);
            frame[0] |= (byte)(key ? 0 : 1); // RFC 6386 §9.1: P = 1, an inter frame
            packets = Vp8TestFrames.Packetize(frame, _sequence, (uint)(index * FrameTicks));
        }
        else
        {
            frame = key ? H264TestFrames.KeyFrame(300) : H264TestFrames.DeltaFrame(300);
            packets = H264TestFrames.Packetize(frame, _sequence, (uint)(index * FrameTicks));
        }

        _sequence += (ushort)packets.Count;
        foreach (var (header, payload) in packets)
        {
            var packet = new byte[RtpHeader.FixedLength + payload.Length];
            Assert.True((header with { PayloadType = PayloadType }).TryWrite(packet));
            payload.CopyTo(packet, RtpHeader.FixedLength);
            receiver.OnRtp(packet);
        }

        if (!receiver.Frames.TryRead(out var handedOut))
        {
            return false;
        }

        using (handedOut)
        {
            Assert.Equal(frame, handedOut.Data.ToArray());
            return true;
        }
    }
}
