using System.Net;
using System.Net.Sockets;
using PortraitStream.Server.WebRtc.Dtls;
using PortraitStream.Server.WebRtc.Faults;
using PortraitStream.Server.WebRtc.Srtp;

namespace PortraitStream.Server.WebRtc.Session;

/// <summary>
/// The send side of one peer connection's wire (its UDP socket) and its four SRTP contexts (RFC 5764 §4.2: ours
/// to protect, the browser's to unprotect, for RTP and RTCP). Thread-safe: the receive loop, the timer
/// loop and the media handler all send through it.
/// </summary>
internal sealed class SecureRtpTransport : IDisposable, IDatagramSink
{
    private static readonly IPEndPoint AnyEndPoint = new(IPAddress.Any, 0);
    private readonly IDatagramWire _wire;
    private readonly Lock _sendGate = new();
    private readonly byte[] _sendBuffer = new byte[2048];
    private SrtpContext? _rtpOut, _rtpIn;
    private SrtcpContext? _rtcpOut, _rtcpIn;
    private IPEndPoint? _remote;

    /// <summary>
    /// Sends through <paramref name="socket"/>, which the caller owns, and through <paramref name="faults"/> first when
    /// test-only fault injection is on.
    /// </summary>
    public SecureRtpTransport(Socket socket, FaultInjector? faults = null)
        : this(new SocketWire(socket), faults)
    {
    }

    /// <summary>Sends through <paramref name="wire"/> (the start-up warm-up's is memory), and through <paramref name="faults"/> first when set.</summary>
    public SecureRtpTransport(IDatagramWire wire, FaultInjector? faults = null)
    {
        _wire = wire;
        Faults = faults;
    }

    /// <summary>The send path's test-only fault injector, when injection is on.</summary>
    public FaultInjector? Faults { get; }

    /// <summary>True once DTLS produced keys.</summary>
    public bool IsSecured => _rtpOut is not null;

    /// <summary>Datagrams that could not be sent (socket errors, or media before keys or a remote).</summary>
    public long SendFailures { get; private set; }

    /// <summary>What the inbound SRTP context dropped (null until DTLS has delivered the keys).</summary>
    public SrtpCounters? ReceivedRtp => _rtpIn?.Counters;

    /// <summary>What the inbound SRTCP context dropped (null until DTLS has delivered the keys).</summary>
    public SrtpCounters? ReceivedRtcp => _rtcpIn?.Counters;

    /// <summary>Keys every context from the DTLS exporter output.</summary>
    public void SetKeys(SrtpKeyingMaterial keys)
    {
        lock (_sendGate)
        {
            _rtpOut = new SrtpContext(keys.LocalMasterKey, keys.LocalMasterSalt);
            _rtcpOut = new SrtcpContext(keys.LocalMasterKey, keys.LocalMasterSalt);
            _rtpIn = new SrtpContext(keys.RemoteMasterKey, keys.RemoteMasterSalt);
            _rtcpIn = new SrtcpContext(keys.RemoteMasterKey, keys.RemoteMasterSalt);
        }
    }

    /// <summary>Where media goes: the nominated (or latest validated) ICE pair's remote address.</summary>
    public void SetRemote(IPEndPoint remote) => Volatile.Write(ref _remote, remote);

    /// <summary>Unprotects SRTP in place; only the receive loop calls this.</summary>
    public bool TryUnprotectRtp(Span<byte> packet, out int length)
    {
        length = 0;
        return _rtpIn is { } context && context.TryUnprotect(packet, out length);
    }

    /// <summary>Unprotects SRTCP in place; only the receive loop calls this.</summary>
    public bool TryUnprotectRtcp(Span<byte> packet, out int length)
    {
        length = 0;
        return _rtcpIn is { } context && context.TryUnprotect(packet, out length);
    }

    /// <summary>Protects and sends one RTP packet.</summary>
    public void SendRtp(ReadOnlySpan<byte> packet) => SendProtected(packet, rtcp: false);

    /// <summary>Protects and sends one compound RTCP packet.</summary>
    public void SendRtcp(ReadOnlySpan<byte> compound) => SendProtected(compound, rtcp: true);

    /// <summary>Sends an unprotected datagram (STUN, DTLS) to <paramref name="target"/>.</summary>
    public void SendRaw(ReadOnlySpan<byte> datagram, IPEndPoint target)
    {
        if (Faults is null)
        {
            Send(datagram, target);
        }
        else
        {
            // Test only: the address form the injector holds a datagram with costs an allocation per datagram.
            Faults.Pass(datagram, target.Serialize(), this);
        }
    }

    /// <summary>What the send path's fault injector let through (only it calls this).</summary>
    void IDatagramSink.Deliver(Span<byte> datagram, SocketAddress address) => Send(datagram, AnyEndPoint.Create(address));

    private void Send(ReadOnlySpan<byte> datagram, EndPoint target)
    {
        try
        {
            _wire.SendTo(datagram, target);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            SendFailures++;
        }
    }

    private void SendProtected(ReadOnlySpan<byte> plain, bool rtcp)
    {
        lock (_sendGate)
        {
            var remote = Volatile.Read(ref _remote);
            if (remote is null || _rtpOut is null || _rtcpOut is null || plain.Length + SrtcpContext.Overhead > _sendBuffer.Length)
            {
                SendFailures++;
                return;
            }

            plain.CopyTo(_sendBuffer);
            bool ok = rtcp
                ? _rtcpOut.TryProtect(_sendBuffer, plain.Length, out int length)
                : _rtpOut.TryProtect(_sendBuffer, plain.Length, out length);
            if (ok)
            {
                SendRaw(_sendBuffer.AsSpan(0, length), remote);
            }
            else
            {
                SendFailures++;
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_sendGate)
        {
            _rtpOut?.Dispose();
            _rtcpOut?.Dispose();
            _rtpIn?.Dispose();
            _rtcpIn?.Dispose();
        }
    }
}
