using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using PortraitStream.Server.Tests.WebRtc.Ice;
using PortraitStream.Server.WebRtc.Demux;
using PortraitStream.Server.WebRtc.Dtls;
using PortraitStream.Server.WebRtc.Interceptors;
using PortraitStream.Server.WebRtc.Sdp;
using PortraitStream.Server.WebRtc.Session;
using PortraitStream.Server.WebRtc.Video;

namespace PortraitStream.Server.Tests.WebRtc.Session;

/// <summary>
/// The browser's half of a session, built from our own layers on one loopback socket: the committed Chromium offer
/// with this side's DTLS fingerprint, an ICE check with USE-CANDIDATE, a DTLS client handshake, then SRTP-protected
/// VP8 frames. Everything it sends — including whatever a test forges — comes from the peer's selected address.
/// </summary>
internal sealed partial class LoopbackBrowser : IDisposable
{
    private const string BrowserUfrag = "iis6"; // the committed offer's a=ice-ufrag
    private readonly DtlsContext _dtls = new();
    private readonly Socket _socket = UdpSocketBinder.Bind(AddressFamily.InterNetwork, 0, 0);
    private readonly IPEndPoint _server;
    private readonly string _username;
    private readonly string _password;
    private SecureRtpTransport? _transport;
    private RtpSender? _sender;
    private uint _timestamp;

    public LoopbackBrowser(Func<VideoOffer, PeerConnection> open)
    {
        var sdp = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "chromium-offer.sdp"));
        sdp = FingerprintLine().Replace(sdp, "a=fingerprint:" + _dtls.LocalFingerprint);
        if (!VideoOffer.TryRead(sdp, out var offer, out var rejection))
        {
            throw new InvalidOperationException(rejection.Message);
        }
        Connection = open(offer);
        _server = new IPEndPoint(IPAddress.Loopback, Connection.LocalEndPoint.Port);
        _username = AnswerAttribute("ice-ufrag") + ":" + BrowserUfrag;
        _password = AnswerAttribute("ice-pwd");
        Endpoint = _dtls.CreateEndpoint(DtlsRole.Client, DtlsFingerprint.TryParse(FingerprintValue(Connection.AnswerSdp), out var f) ? f : throw new InvalidOperationException("no fingerprint in the answer"));
        _socket.ReceiveTimeout = 2000;
    }

    public PeerConnection Connection { get; }

    public DtlsEndpoint Endpoint { get; }

    /// <summary>Every DTLS datagram the client sent during the handshake (seeds for mutation).</summary>
    public List<byte[]> HandshakeDatagrams { get; } = [];

    /// <summary>Nominates this socket's address, then runs the DTLS handshake and keys SRTP.</summary>
    public void Connect()
    {
        SendCheck();
        Endpoint.Start();
        var buffer = new byte[2048];
        for (var attempts = 0; Endpoint.State is DtlsState.Handshaking or DtlsState.New && attempts < 50; attempts++)
        {
            while (Endpoint.TryDequeueOutgoing(out var datagram))
            {
                HandshakeDatagrams.Add(datagram);
                Send(datagram);
            }
            if (Endpoint.State != DtlsState.Handshaking)
            {
                break;
            }
            int length = _socket.Receive(buffer);
            if (PacketClassifier.Classify(buffer.AsSpan(0, length)) == PacketKind.Dtls)
            {
                Endpoint.Receive(buffer.AsSpan(0, length));
            }
        }
        while (Endpoint.TryDequeueOutgoing(out var last))
        {
            HandshakeDatagrams.Add(last);
            Send(last);
        }
        if (Endpoint.State != DtlsState.Connected)
        {
            throw new InvalidOperationException($"DTLS ended {Endpoint.State}: {Endpoint.FailureReason}");
        }
        _transport = new SecureRtpTransport(_socket);
        _transport.SetKeys(Endpoint.SrtpKeys!);
        _transport.SetRemote(_server);
        _sender = new RtpSender(VideoCodec.Vp8, 96, null, 0xB0B0B0B0, 1200, _transport,
            new RembBitrateController(800_000, 100_000, 2_000_000, TimeProvider.System), TimeProvider.System);
    }

    /// <summary>A consent-refreshing ICE check (RFC 7675) with USE-CANDIDATE.</summary>
    public void SendCheck() => Send(StunCheck.Build(_username, _password, useCandidate: true));

    /// <summary>One small VP8 key frame, SRTP-protected.</summary>
    public void SendFrame(byte[] vp8Frame)
    {
        _timestamp += 3000;
        _sender!.SendFrame(vp8Frame, _timestamp);
    }

    /// <summary>Any bytes, from the peer's own (nominated, DTLS-keyed) address.</summary>
    public void Send(ReadOnlySpan<byte> datagram) => _socket.SendTo(datagram, SocketFlags.None, _server);

    public void Dispose()
    {
        _transport?.Dispose();
        _socket.Dispose();
        Endpoint.Dispose();
        _dtls.Dispose();
    }

    private string AnswerAttribute(string name) =>
        Regex.Match(Connection.AnswerSdp, $"a={name}:(\\S+)").Groups[1].Value;

    private static string FingerprintValue(string sdp) => Regex.Match(sdp, "a=fingerprint:([^\r\n]+)").Groups[1].Value;

    [GeneratedRegex("a=fingerprint:[^\r\n]+")]
    private static partial Regex FingerprintLine();
}
