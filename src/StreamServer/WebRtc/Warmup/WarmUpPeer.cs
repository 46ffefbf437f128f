using System.Net;
using PortraitStream.Server.WebRtc.Demux;
using PortraitStream.Server.WebRtc.Dtls;
using PortraitStream.Server.WebRtc.Interceptors;
using PortraitStream.Server.WebRtc.Sdp;
using PortraitStream.Server.WebRtc.Session;

namespace PortraitStream.Server.WebRtc.Warmup;

/// <summary>
/// One side of the warm-up's call: the layers a <see cref="PeerConnection"/> composes — a DTLS endpoint of the server's
/// context, the SRTP transport, video and Opus senders and receivers for <paramref name="offer"/> — over a
/// <see cref="MemoryWire"/> instead of a socket. <see cref="DeliverTo"/> hands the other side what this one sent, down
/// the receive path a connection's loop takes (RFC 7983 demux, then DTLS or <see cref="IncomingSrtp"/>).
/// </summary>
internal sealed class WarmUpPeer : IDisposable
{
    private readonly MemoryWire _wire = new();
    private readonly IPEndPoint _remote;

    /// <param name="remote">The other side's address: only a label here, as the wire is memory.</param>
    public WarmUpPeer(DtlsContext context, DtlsRole role, VideoOffer offer, uint ssrc, IPEndPoint remote, WebRtcOptions options, TimeProvider time)
    {
        _remote = remote;
        Dtls = context.CreateEndpoint(role, context.LocalFingerprint);
        Transport = new SecureRtpTransport(_wire);
        var bitrate = new RembBitrateController(options.InitialBitrate, options.MinBitrate, options.MaxBitrate, time);
        Video = new RtpSender(offer.Video.Codec, offer.Video.PayloadType, VideoHeaderExtensions.For(offer), ssrc, options.Mtu, Transport, bitrate, time);
        VideoIn = new RtpReceiver(offer.Video.Codec, offer.Video.PayloadType, ssrc, time);
        if (offer.Audio is { } audio)
        {
            Audio = new OpusRtpSender(audio.PayloadType, ssrc + 1, Transport, time);
            AudioIn = new OpusRtpReceiver(audio.PayloadType, time);
        }
    }

    public DtlsEndpoint Dtls { get; }

    public SecureRtpTransport Transport { get; }

    public RtpSender Video { get; }

    public RtpReceiver VideoIn { get; }

    public OpusRtpSender? Audio { get; }

    public OpusRtpReceiver? AudioIn { get; }

    /// <summary>What this side's receive path dropped: any count here means the warm-up's call went wrong.</summary>
    public PeerConnectionCounters Counters { get; } = new();

    /// <summary>Sends the DTLS flight the endpoint has ready, as a connection's loop does after each datagram.</summary>
    public void FlushDtls()
    {
        while (Dtls.TryDequeueOutgoing(out var datagram))
        {
            Transport.SendRaw(datagram, _remote);
        }
    }

    /// <summary>Keys SRTP from the finished handshake and points media at the other side.</summary>
    public void Secure()
    {
        Transport.SetKeys(Dtls.SrtpKeys ?? throw new InvalidOperationException("the warm-up's DTLS handshake gave no SRTP keys"));
        Transport.SetRemote(_remote);
    }

    /// <summary>Hands <paramref name="other"/> every datagram this side sent since the last call; returns how many.</summary>
    public int DeliverTo(WarmUpPeer other)
    {
        int count = 0;
        while (_wire.TryTake(out var datagram))
        {
            count++;
            switch (PacketClassifier.Classify(datagram))
            {
                case PacketKind.Dtls:
                    other.Dtls.Receive(datagram);
                    break;
                case PacketKind.Rtp:
                    IncomingSrtp.Handle(datagram, other.Transport, other.VideoIn, other.AudioIn, other.Video, other.Counters);
                    break;
                default:
                    other.Counters.UnknownProtocol++;
                    break;
            }
        }

        return count;
    }

    public void Dispose()
    {
        Dtls.Dispose();
        Transport.Dispose();
        VideoIn.Complete();
        while (VideoIn.Frames.TryRead(out var frame))
        {
            frame.Dispose();
        }
    }
}
