using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using PortraitStream.Server.WebRtc.Demux;
using PortraitStream.Server.WebRtc.Dtls;
using PortraitStream.Server.WebRtc.Faults;
using PortraitStream.Server.WebRtc.Ice;
using PortraitStream.Server.WebRtc.Interceptors;
using PortraitStream.Server.WebRtc.Rtcp;
using PortraitStream.Server.WebRtc.Sdp;
using PortraitStream.Server.WebRtc.Video;

namespace PortraitStream.Server.WebRtc.Session;

/// <summary>
/// One browser's WebRTC session: a UDP socket whose datagrams are sorted by RFC 7983 to ICE-lite, DTLS
/// and SRTP/SRTCP, feeding the RTP receive and send pipelines. It only composes the layers. It closes
/// itself when consent expires or DTLS fails; <see cref="DisposeAsync"/> releases the socket, the
/// OpenSSL objects and the SRTP keys.
/// </summary>
internal sealed class PeerConnection : IAsyncDisposable, IDatagramSink
{
    private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan ReportInterval = TimeSpan.FromSeconds(1);

    private readonly Socket _socket;
    private readonly IceLiteAgent _ice;
    private readonly DtlsEndpoint _dtls;
    private readonly SecureRtpTransport _transport;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly FaultInjector? _receiveFaults;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<string> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly byte[] _stunResponse = new byte[512];
    private readonly long _created;
    private SocketAddress? _selectedAddress;
    private Task _loops = Task.CompletedTask;

    private PeerConnection(VideoOffer offer, DtlsContext dtls, WebRtcOptions options, TimeProvider time, ILogger logger)
    {
        _time = time;
        _logger = logger;
        _created = time.GetTimestamp();
        Id = Convert.ToHexString(RandomNumberGenerator.GetBytes(6));
        var announced = HostCandidateAddresses.Resolve(options.AnnouncedAddresses);
        _socket = UdpSocketBinder.Bind(announced[0].AddressFamily, options.PortMin, options.PortMax);
        try
        {
            LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
            int port = LocalEndPoint.Port;
            _ice = new IceLiteAgent(IceCredentials.Generate(), time);
            _ice.SetRemoteUfrag(offer.IceUfrag);
            _dtls = dtls.CreateEndpoint(DtlsRole.Server, offer.Fingerprint);
            _transport = new SecureRtpTransport(_socket, FaultInjector.For(options.FaultInjection, FaultPath.Send));
            _receiveFaults = FaultInjector.For(options.FaultInjection, FaultPath.Receive);
            uint ssrc = BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(4));
            var bitrate = new RembBitrateController(options.InitialBitrate, options.MinBitrate, options.MaxBitrate, time);
            Sender = new RtpSender(offer.Video.Codec, offer.Video.PayloadType, VideoHeaderExtensions.For(offer), ssrc, options.Mtu, _transport, bitrate, time);
            Receiver = new RtpReceiver(offer.Video.Codec, offer.Video.PayloadType, ssrc, time);
            uint audioSsrc = unchecked(ssrc + 1); // any other value: RFC 3550 §8.1 only asks our two sources to differ
            if (offer.Audio is { } audio)
            {
                AudioReceiver = new OpusRtpReceiver(audio.PayloadType, time);
                AudioSender = new OpusRtpSender(audio.PayloadType, audioSsrc, _transport, time);
                PeerReceivesAudio = MediaDirections.Receives(audio.Direction);
            }

            var ours = new AnswerParameters(_ice.Local, dtls.LocalFingerprint,
                announced.Select(a => new IPEndPoint(a, port)).ToArray(), ssrc, "portrait-" + Id,
                (ulong)RandomNumberGenerator.GetInt32(int.MaxValue), audioSsrc);
            AnswerSdp = SdpAnswerBuilder.Build(offer, ours);
            PeerReceivesVideo = MediaDirections.Receives(offer.Direction);
        }
        catch
        {
            _socket.Dispose();
            _dtls?.Dispose();
            throw;
        }
    }

    /// <summary>Short random id for logs.</summary>
    public string Id { get; }

    /// <summary>The SDP answer to send back to the browser.</summary>
    public string AnswerSdp { get; }

    /// <summary>False when the peer only sends (a WHIP publisher): nothing of ours is wanted.</summary>
    public bool PeerReceivesVideo { get; }

    /// <summary>False when the peer takes no audio of ours (a WHIP publisher) or negotiated none.</summary>
    public bool PeerReceivesAudio { get; }

    /// <summary>The peer's Opus audio, or null when none was negotiated.</summary>
    public OpusRtpReceiver? AudioReceiver { get; }

    /// <summary>Our Opus audio to the peer, or null when none was negotiated.</summary>
    public OpusRtpSender? AudioSender { get; }

    /// <summary>The browser's video, frame by frame.</summary>
    public RtpReceiver Receiver { get; }

    /// <summary>Our video to the browser.</summary>
    public RtpSender Sender { get; }

    /// <summary>True once DTLS gave us SRTP keys: from then on what <see cref="Sender"/> sends reaches the peer.</summary>
    public bool IsSecured => _transport.IsSecured;

    /// <summary>True once <see cref="DisposeAsync"/> told the peer with an RTCP BYE that our source left.</summary>
    public bool ByeSent { get; private set; }

    /// <summary>Drops by reason.</summary>
    public PeerConnectionCounters Counters { get; } = new();

    /// <summary>DTLS datagrams and records from the validated peer that were dropped as malformed or inauthentic.</summary>
    public long DtlsDiscarded => _dtls.MalformedDatagrams + _dtls.DiscardedRecords;

    /// <summary>
    /// Every drop counter of the layers this connection composes, by layer and reason, as it is now (read without a
    /// lock from another thread: each count is one aligned 64-bit word, so a reader sees a whole, possibly older, value).
    /// </summary>
    public PacketErrorCount[] PacketErrors()
    {
        var rtp = _transport.ReceivedRtp;
        var rtcp = _transport.ReceivedRtcp;
        return
        [
            new("demux", "unknown_protocol", Counters.UnknownProtocol),
            new("demux", "unvalidated_source", Counters.UnvalidatedSource),
            new("stun", "malformed", _ice.Counters.Malformed),
            new("stun", "unexpected_type", _ice.Counters.UnexpectedType),
            new("stun", "bad_fingerprint", _ice.Counters.BadFingerprint),
            new("stun", "bad_username", _ice.Counters.BadUsername),
            new("stun", "bad_integrity", _ice.Counters.BadIntegrity),
            new("dtls", "malformed", _dtls.MalformedDatagrams),
            new("dtls", "discarded_record", _dtls.DiscardedRecords),
            // Before the keys exist every SRTP packet is unprotectable; the contexts' own reasons follow once they do.
            new("srtp", "unprotectable", Counters.Unprotectable),
            new("srtp", "malformed", rtp?.Malformed ?? 0),
            new("srtp", "authentication_failed", rtp?.AuthenticationFailed ?? 0),
            new("srtp", "replayed", rtp?.Replayed ?? 0),
            new("srtcp", "malformed", rtcp?.Malformed ?? 0),
            new("srtcp", "authentication_failed", rtcp?.AuthenticationFailed ?? 0),
            new("srtcp", "replayed", rtcp?.Replayed ?? 0),
            new("rtcp", "malformed", Counters.MalformedRtcp),
            new("rtp", "ignored", Receiver.IgnoredPackets),
            new("opus", "foreign_ssrc", AudioReceiver?.ForeignSsrc ?? 0),
            new("opus", "oversized", AudioReceiver?.Oversized ?? 0),
            new("opus", "malformed", AudioReceiver?.Malformed ?? 0),
            new("opus", "overflowed", AudioReceiver?.Overflowed ?? 0),
            new(VideoPayloadFormat.EncodingName(Receiver.Codec).ToLowerInvariant(), "malformed", Receiver.Depacketizer.MalformedPackets),
            new("session", "fault", Counters.Faults),
        ];
    }

    /// <summary>
    /// Loss recovery in both directions as it is now, by event: our NACKs and PLIs to the browser, the browser's NACKs
    /// and key-frame requests (PLI or FIR) to us, the packets we resent and the key frames we sent.
    /// </summary>
    public KeyValuePair<string, long>[] RecoveryCounts() =>
    [
        new("nack_sent", Receiver.NacksSent),
        new("pli_sent", Receiver.PlisSent),
        new("nack_received", Sender.NacksReceived),
        new("key_frame_request_received", Sender.KeyFrameRequestsReceived),
        new("packet_retransmitted", Sender.Retransmitted),
        new("key_frame_sent", Sender.KeyFramesSent),
    ];

    /// <summary>What this session's test-only fault injectors did, receive then send; null when injection is off.</summary>
    public (FaultCounters Receive, FaultCounters Send)? InjectedFaults =>
        _receiveFaults is null || _transport.Faults is not { } send ? null : (_receiveFaults.Counters, send.Counters);

    /// <summary>Counters and estimates as they are now.</summary>
    public PeerConnectionStats GetStats() => new(
        Counters.Datagrams, Counters.Faults, Counters.Unprotectable,
        Receiver.Depacketizer.Frames, Receiver.Depacketizer.DroppedFrames + Receiver.OverflowedFrames,
        Sender.Retransmitted, Sender.RembsReceived, Sender.Bitrate.TargetBitrate, Sender.RoundTripTime,
        DtlsDiscarded, _ice.SelectedRemote, LocalEndPoint);

    /// <summary>Completes with the reason once the connection ended by itself (or was closed).</summary>
    public Task<string> Closed => _closed.Task;

    /// <summary>The local UDP endpoint.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Creates a connection for <paramref name="offer"/> and starts its loops.</summary>
    public static PeerConnection Start(VideoOffer offer, DtlsContext dtls, WebRtcOptions options, TimeProvider time, ILogger logger)
    {
        var connection = new PeerConnection(offer, dtls, options, time, logger);
        connection._dtls.Start();
        connection._loops = Task.WhenAll(
            Task.Run(connection.ReceiveLoopAsync),
            Task.Run(connection.TickLoopAsync));
        PeerConnectionLog.Listening(logger, connection.Id, connection._socket.LocalEndPoint);
        return connection;
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[2048];
        var source = new SocketAddress(_socket.AddressFamily);
        while (!_stop.IsCancellationRequested)
        {
            int length;
            try
            {
                length = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, source, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (SocketException)
            {
                continue; // ICMP errors surface here on Linux; the next datagram is unaffected.
            }
            catch (ObjectDisposedException)
            {
                break;
            }

            try
            {
                if (_receiveFaults is null)
                {
                    OnDatagram(buffer.AsSpan(0, length), source);
                }
                else
                {
                    _receiveFaults.Pass(buffer.AsSpan(0, length), source, this);
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Every layer drops bad input without throwing; this is the last line of defence, not a path.
                Counters.Faults++;
                PeerConnectionLog.Fault(_logger, Id, e);
            }
        }
    }

    /// <summary>What the receive path's fault injector let through (only it calls this).</summary>
    void IDatagramSink.Deliver(Span<byte> datagram, SocketAddress address) => OnDatagram(datagram, address);

    private void OnDatagram(Span<byte> datagram, SocketAddress source)
    {
        Counters.Datagrams++;
        switch (PacketClassifier.Classify(datagram))
        {
            case PacketKind.Stun:
                OnStun(datagram, source);
                break;
            case PacketKind.Dtls when ToValidated(source) is { } peer:
                _dtls.Receive(datagram);
                FlushDtls(peer);
                if (_dtls.State == DtlsState.Connected && !_transport.IsSecured && _dtls.SrtpKeys is { } keys)
                {
                    _transport.SetKeys(keys);
                    _transport.SetRemote(_ice.SelectedRemote ?? peer);
                    PeerConnectionLog.Secured(_logger, Id);
                }

                break;
            case PacketKind.Rtp when IsFromPeer(source):
                IncomingSrtp.Handle(datagram, _transport, Receiver, AudioReceiver, Sender, Counters);
                break;
            case PacketKind.Unknown:
                Counters.UnknownProtocol++;
                break;
            default:
                Counters.UnvalidatedSource++;
                break;
        }
    }

    private void OnStun(ReadOnlySpan<byte> datagram, SocketAddress source)
    {
        var from = (IPEndPoint)new IPEndPoint(IPAddress.Any, 0).Create(source);
        var outcome = _ice.HandleStun(datagram, from, _stunResponse, out int length);
        if (length > 0)
        {
            _transport.SendRaw(_stunResponse.AsSpan(0, length), from);
        }

        if (outcome == IceCheckOutcome.AnsweredAndNominated && _ice.SelectedRemote is { } selected
            && (_selectedAddress is null || !_selectedAddress.Equals(source)))
        {
            _selectedAddress = selected.Serialize();
            _transport.SetRemote(selected);
            PeerConnectionLog.Nominated(_logger, Id, selected);
        }
    }

    private bool IsFromPeer(SocketAddress source) =>
        (_selectedAddress is { } selected && selected.Equals(source)) || ToValidated(source) is not null;

    private IPEndPoint? ToValidated(SocketAddress source)
    {
        var from = (IPEndPoint)new IPEndPoint(IPAddress.Any, 0).Create(source);
        return _ice.IsValidatedRemote(from) ? from : null;
    }

    private void FlushDtls(IPEndPoint peer)
    {
        while (_dtls.TryDequeueOutgoing(out var datagram))
        {
            _transport.SendRaw(datagram, peer);
        }
    }

    private async Task TickLoopAsync()
    {
        using var timer = new PeriodicTimer(TickInterval, _time);
        var rtcp = new byte[1200];
        long lastReport = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                if (CheckHealth() is { } reason)
                {
                    Close(reason);
                    return;
                }

                if (!_transport.IsSecured)
                {
                    continue;
                }

                bool reportDue = _time.GetElapsedTime(lastReport) >= ReportInterval;
                int length = OutgoingRtcp.Write(rtcp, reportDue, Sender, AudioSender, Receiver, AudioReceiver);
                if (length > 0)
                {
                    _transport.SendRtcp(rtcp.AsSpan(0, length));
                }

                if (reportDue)
                {
                    lastReport = _time.GetTimestamp();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Closing.
        }
    }

    private string? CheckHealth()
    {
        if (_dtls.RetransmitTimeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            _dtls.HandleTimeout();
            if (_ice.LatestValidatedRemote is { } peer)
            {
                FlushDtls(peer);
            }
        }

        if (_dtls.State == DtlsState.Failed)
        {
            return "DTLS failed: " + (_dtls.FailureReason ?? "unknown");
        }

        if (_dtls.State == DtlsState.Closed)
        {
            return "the browser closed DTLS";
        }

        // RFC 7675 §5.1: no authenticated check for 30 s (or none at all within 30 s of the answer).
        bool neverChecked = _ice.LatestValidatedRemote is null && _time.GetElapsedTime(_created) > IceLiteAgent.ConsentTimeout;
        bool expired = _ice.LatestValidatedRemote is not null && !_ice.HasConsent;
        return neverChecked || expired ? "ICE consent expired" : null;
    }

    /// <summary>Ends the session (idempotent); <see cref="Closed"/> completes with <paramref name="reason"/>.</summary>
    public void Close(string reason)
    {
        if (_closed.TrySetResult(reason))
        {
            PeerConnectionLog.Closed(_logger, Id, reason);
            _stop.Cancel();
            Receiver.Complete();
            AudioReceiver?.Complete();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        Close("closed by the server");
        SendBye();
        // Tell the browser with close_notify (RFC 5246 §7.2.1) before the socket goes, so it does not wait
        // for consent to expire on its side.
        _dtls.Close();
        if ((_ice.SelectedRemote ?? _ice.LatestValidatedRemote) is { } peer)
        {
            FlushDtls(peer);
        }

        _socket.Dispose();
        await _loops.ConfigureAwait(false);
        _dtls.Dispose();
        _transport.Dispose();
        _stop.Dispose();
        while (Receiver.Frames.TryRead(out var frame))
        {
            frame.Dispose();
        }
    }

    /// <summary>
    /// RFC 3550 §6.6: our source is leaving, in a compound packet led by our last SR (§6.1), so a viewer's player
    /// ends the stream now. A source that never sent must not say BYE (§6.3.7), so nothing goes out without an SR.
    /// </summary>
    private void SendBye()
    {
        if (!_transport.IsSecured)
        {
            return;
        }

        Span<byte> rtcp = stackalloc byte[256];
        int length = Sender.WriteSenderReport(rtcp);
        if (length > 0 && Bye.TryWrite(rtcp[length..], Sender.Ssrc, out int bye))
        {
            _transport.SendRtcp(rtcp[..(length + bye)]);
            ByeSent = true;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"PeerConnection {Id} on {LocalEndPoint}");
}
