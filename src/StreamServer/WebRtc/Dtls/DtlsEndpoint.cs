using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using PortraitStream.Server.WebRtc.Dtls.Native;

namespace PortraitStream.Server.WebRtc.Dtls;

/// <summary>
/// One DTLS 1.2 association over memory BIOs: the caller feeds every received DTLS datagram to <see cref="Receive"/>,
/// sends whatever <see cref="TryDequeueOutgoing"/> yields, and calls <see cref="HandleTimeout"/> when
/// <see cref="RetransmitTimeout"/> elapses. OpenSSL never touches a socket. When <see cref="State"/> becomes
/// <see cref="DtlsState.Connected"/> the peer's certificate matched its SDP fingerprint and <see cref="SrtpKeys"/>
/// holds the RFC 5764 §4.2 keys. Network input never throws: malformed datagrams are counted and dropped, and
/// handshake failures end in <see cref="DtlsState.Failed"/>. After the handshake only the peer's authenticated
/// close_notify or fatal alert ends the association; records that cannot be authentic are counted and discarded
/// (RFC 6347 §4.1.2.7). All members are thread-safe.
/// </summary>
internal sealed class DtlsEndpoint : IDisposable
{
    private readonly Lock _gate = new();
    private readonly SafeSslHandle _ssl;
    private readonly IntPtr _readBio;
    private readonly IntPtr _writeBio;
    private readonly DtlsPeerPolicy _policy;
    private readonly int _mtu;
    private readonly Queue<byte[]> _outgoing = new();
    private byte[] _scratch = new byte[2048];
    private byte[] _accepted = new byte[2048];
    private int _aeadOverhead = DtlsConnectedRecordFilter.AesGcmOverhead;
    private bool _disposed;

    internal DtlsEndpoint(SafeSslCtxHandle ctx, DtlsRole role, DtlsPeerPolicy policy, int mtu)
    {
        Role = role;
        _policy = policy;
        _mtu = mtu;
        OpenSslError.Clear();
        _ssl = new SafeSslHandle(OpenSslError.NotNull(LibSsl.SSL_new(ctx.DangerousGetHandle()), "SSL_new"), policy);
        var ssl = _ssl.DangerousGetHandle();
        try
        {
            _readBio = OpenSslError.NotNull(LibCrypto.BIO_new(LibCrypto.BIO_s_mem()), "BIO_new");
            _writeBio = LibCrypto.BIO_new(LibCrypto.BIO_s_mem());
            if (_writeBio == IntPtr.Zero)
            {
                _ = LibCrypto.BIO_free(_readBio);
                OpenSslError.ThrowIf(true, "BIO_new");
            }
            LibSsl.SSL_set_bio(ssl, _readBio, _writeBio); // The SSL now owns both BIOs and frees them in SSL_free.
            LibSsl.SSL_ctrl(ssl, LibSsl.SslCtrlSetMtu, mtu, IntPtr.Zero);
            unsafe
            {
                LibSsl.DTLS_set_timer_cb(ssl, DtlsCallbacks.Timer);
            }
            if (role == DtlsRole.Server)
            {
                LibSsl.SSL_set_accept_state(ssl);
            }
            else
            {
                LibSsl.SSL_set_connect_state(ssl);
            }
        }
        catch
        {
            _ssl.Dispose();
            throw;
        }
    }

    public DtlsRole Role { get; }

    public DtlsState State { get; private set; } = DtlsState.New;

    /// <summary>Why the endpoint failed, in words (OpenSSL's errors included); null unless <see cref="DtlsState.Failed"/>.</summary>
    public string? FailureReason { get; private set; }

    /// <summary>SRTP keys, available once <see cref="DtlsState.Connected"/>.</summary>
    public SrtpKeyingMaterial? SrtpKeys { get; private set; }

    /// <summary>Datagrams given to <see cref="Receive"/>.</summary>
    public long DatagramsReceived { get; private set; }

    /// <summary>Received datagrams dropped unread because they were not whole DTLS records (RFC 6347 §4.1.2.7).</summary>
    public long MalformedDatagrams { get; private set; }

    /// <summary>Received datagrams ignored because the endpoint had already failed or closed.</summary>
    public long IgnoredDatagrams { get; private set; }

    /// <summary>
    /// Records discarded after the handshake because they cannot be authentic (RFC 6347 §4.1.2.7): another epoch,
    /// plaintext, too short for the cipher's nonce and tag, or application data that OpenSSL could not authenticate.
    /// </summary>
    public long DiscardedRecords { get; private set; }

    /// <summary>
    /// Set when OpenSSL's record layer failed after the handshake for a reason other than an authenticated alert from
    /// the peer: further records are discarded unread, but the association (and its SRTP keys) stays up, since an
    /// unauthenticated record must not end it. Null while OpenSSL reads normally.
    /// </summary>
    public string? RecordLayerFault { get; private set; }

    /// <summary>Application data bytes received and discarded: WebRTC data channels are not used.</summary>
    public long DiscardedApplicationBytes { get; private set; }

    /// <summary>
    /// Time left until <see cref="HandleTimeout"/> should be called to retransmit the last flight (DTLSv1_get_timeout(3));
    /// null when no retransmission timer runs.
    /// </summary>
    public unsafe TimeSpan? RetransmitTimeout
    {
        get
        {
            lock (_gate)
            {
                if (_disposed || State != DtlsState.Handshaking)
                {
                    return null;
                }
                TimeVal remaining;
                var running = LibSsl.SSL_ctrl(_ssl.DangerousGetHandle(), LibSsl.DtlsCtrlGetTimeout, 0, (IntPtr)(&remaining));
                return running == 1 ? TimeSpan.FromSeconds(remaining.Seconds) + TimeSpan.FromMicroseconds(remaining.Microseconds) : null;
            }
        }
    }

    /// <summary>Begins the handshake: a client queues its ClientHello; a server waits for one.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (!_disposed && State == DtlsState.New)
            {
                AdvanceHandshake();
                DrainOutgoing();
            }
        }
    }

    /// <summary>Processes one received DTLS datagram and queues any reply; returns the state afterwards.</summary>
    public DtlsState Receive(ReadOnlySpan<byte> datagram)
    {
        lock (_gate)
        {
            DatagramsReceived++;
            if (_disposed || State is DtlsState.Failed or DtlsState.Closed)
            {
                IgnoredDatagrams++;
                return State;
            }
            if (!DtlsRecordFraming.IsWellFormed(datagram))
            {
                MalformedDatagrams++;
                return State;
            }
            if (State == DtlsState.Connected)
            {
                ReceiveConnected(datagram);
            }
            else if (!FeedReadBio(datagram))
            {
                Fail($"BIO_write failed: {OpenSslError.Drain()}");
                return State;
            }
            else
            {
                AdvanceHandshake();
            }
            DrainOutgoing();
            return State;
        }
    }

    /// <summary>The next datagram to send to the peer, if any.</summary>
    public bool TryDequeueOutgoing([NotNullWhen(true)] out byte[]? datagram)
    {
        lock (_gate)
        {
            return _outgoing.TryDequeue(out datagram);
        }
    }

    /// <summary>
    /// Retransmits the last flight if its timer expired (DTLSv1_handle_timeout(3), RFC 6347 §4.2.4). Fails the
    /// endpoint once OpenSSL gives up after its maximum number of retransmissions.
    /// </summary>
    public void HandleTimeout()
    {
        lock (_gate)
        {
            if (_disposed || State != DtlsState.Handshaking)
            {
                return;
            }
            OpenSslError.Clear();
            if (LibSsl.SSL_ctrl(_ssl.DangerousGetHandle(), LibSsl.DtlsCtrlHandleTimeout, 0, IntPtr.Zero) < 0)
            {
                Fail($"peer stopped answering, retransmissions exhausted: {OpenSslError.Drain()}");
            }
            DrainOutgoing();
        }
    }

    /// <summary>Sends close_notify (RFC 5246 §7.2.1) and closes; keys stay readable.</summary>
    public void Close()
    {
        lock (_gate)
        {
            if (_disposed || State is DtlsState.Failed or DtlsState.Closed)
            {
                return;
            }
            if (State == DtlsState.Connected)
            {
                SendCloseNotify();
            }
            State = DtlsState.Closed;
        }
    }

    /// <summary>Frees the SSL object and its BIOs, mid-handshake or not.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            _ssl.Dispose();
            _outgoing.Clear();
            if (State is not DtlsState.Failed)
            {
                State = DtlsState.Closed;
            }
        }
    }

    /// <summary>A memory BIO grows as needed, so only an allocation failure makes this write short.</summary>
    private unsafe bool FeedReadBio(ReadOnlySpan<byte> datagram)
    {
        OpenSslError.Clear();
        fixed (byte* data = datagram)
        {
            return LibCrypto.BIO_write(_readBio, data, datagram.Length) == datagram.Length;
        }
    }

    private void AdvanceHandshake()
    {
        State = DtlsState.Handshaking;
        OpenSslError.Clear();
        var ssl = _ssl.DangerousGetHandle();
        var result = LibSsl.SSL_do_handshake(ssl);
        if (result == 1)
        {
            CompleteHandshake();
            return;
        }
        var error = LibSsl.SSL_get_error(ssl, result);
        if (error is not (LibSsl.SslErrorWantRead or LibSsl.SslErrorWantWrite))
        {
            Fail(_policy.FingerprintRejected
                ? $"peer certificate does not match the SDP fingerprint {_policy.ExpectedFingerprint}"
                : $"handshake failed (SSL_get_error {error}): {OpenSslError.Drain()}");
        }
    }

    /// <summary>
    /// Checks what the finished handshake established before declaring the endpoint connected: the peer's certificate
    /// again (the verify callback already refused a mismatch; this also covers any path that skipped it) and the
    /// negotiated SRTP profile (RFC 5764 §4.1.1), then exports the keys.
    /// </summary>
    private unsafe void CompleteHandshake()
    {
        var ssl = _ssl.DangerousGetHandle();
        var peer = LibSsl.SSL_get1_peer_certificate(ssl);
        var peerMatches = false;
        if (peer != IntPtr.Zero)
        {
            using var peerCertificate = new SafeX509Handle(peer);
            peerMatches = _policy.Matches(peer);
        }
        var profilePointer = LibSsl.SSL_get_selected_srtp_profile(ssl);
        // SRTP_PROTECTION_PROFILE is { const char *name; unsigned long id; } (ssl.h).
        var profile = profilePointer == IntPtr.Zero ? (SrtpProtectionProfile?)null
            : (SrtpProtectionProfile)(ushort)Marshal.ReadIntPtr(profilePointer, IntPtr.Size);
        if (!peerMatches || profile is not { } negotiated || !Enum.IsDefined(negotiated))
        {
            SendCloseNotify();
            Fail(!peerMatches
                ? $"peer certificate does not match the SDP fingerprint {_policy.ExpectedFingerprint}"
                : "peer did not negotiate a supported SRTP protection profile (use_srtp, RFC 5764 §4.1.1)");
            return;
        }
        var material = new byte[SrtpKeyingMaterial.ExportLength(negotiated)];
        fixed (byte* output = material)
        {
            var label = SrtpKeyingMaterial.ExporterLabel;
            if (LibSsl.SSL_export_keying_material(ssl, output, (nuint)material.Length, label, (nuint)label.Length, null, 0, 0) != 1)
            {
                Fail($"SSL_export_keying_material failed: {OpenSslError.Drain()}");
                return;
            }
        }
        SrtpKeys = new SrtpKeyingMaterial(negotiated, Role, material);
        _aeadOverhead = NegotiatedAeadOverhead(ssl);
        State = DtlsState.Connected;
    }

    /// <summary>The cipher list (DtlsContext) holds AES-GCM and ChaCha20-Poly1305 suites only.</summary>
    private static int NegotiatedAeadOverhead(IntPtr ssl)
    {
        var cipher = LibSsl.SSL_get_current_cipher(ssl);
        var name = cipher == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(LibSsl.SSL_CIPHER_get_name(cipher));
        return name?.Contains("CHACHA20", StringComparison.Ordinal) == true
            ? DtlsConnectedRecordFilter.ChaCha20Poly1305Overhead
            : DtlsConnectedRecordFilter.AesGcmOverhead;
    }

    /// <summary>
    /// After the handshake only records that may be authentic reach OpenSSL (<see cref="DtlsConnectedRecordFilter"/>);
    /// once OpenSSL's record layer has failed none do.
    /// </summary>
    private void ReceiveConnected(ReadOnlySpan<byte> datagram)
    {
        if (_accepted.Length < datagram.Length)
        {
            _accepted = new byte[datagram.Length];
        }
        var length = DtlsConnectedRecordFilter.Filter(datagram, _aeadOverhead, _accepted, out var discarded, out var applicationRecords);
        if (RecordLayerFault is not null)
        {
            DiscardedRecords += discarded + (length > 0 ? 1 : 0);
            return;
        }
        DiscardedRecords += discarded;
        if (length == 0)
        {
            return;
        }
        if (!FeedReadBio(_accepted.AsSpan(0, length)))
        {
            // Memory exhaustion, not the peer's doing: stop reading records, keep the association.
            RecordLayerFault = $"BIO_write failed: {OpenSslError.Drain()}";
            return;
        }
        ReadRecords(applicationRecords);
    }

    /// <summary>
    /// Lets OpenSSL process records after the handshake: it answers a retransmitted final flight of the peer (RFC 6347
    /// §4.2.4) and reports close_notify. Application data has no consumer and is counted and discarded. OpenSSL drops
    /// records that fail authentication without a word, so application_data records that yield nothing are counted
    /// as discarded. Only what the peer authenticated ends the association: close_notify (Closed) or a fatal alert
    /// (Failed; OpenSSL reads alerts only after decrypting them at epoch 1). Any other error — SSL_get_error 5 with an
    /// empty queue included — came from a record OpenSSL choked on: its own alert is not sent, and records are read no
    /// more (<see cref="RecordLayerFault"/>).
    /// </summary>
    private unsafe void ReadRecords(int applicationRecords)
    {
        var ssl = _ssl.DangerousGetHandle();
        var readAny = false;
        while (true)
        {
            OpenSslError.Clear();
            int read;
            fixed (byte* buffer = _scratch)
            {
                read = LibSsl.SSL_read(ssl, buffer, _scratch.Length);
            }
            if (read > 0)
            {
                readAny = true;
                DiscardedApplicationBytes += read;
                continue;
            }
            var error = LibSsl.SSL_get_error(ssl, read);
            if (error == LibSsl.SslErrorZeroReturn)
            {
                SendCloseNotify();
                State = DtlsState.Closed;
            }
            else if (error == LibSsl.SslErrorWantRead)
            {
                DiscardedRecords += readAny ? 0 : applicationRecords;
            }
            else if ((LibSsl.SSL_get_shutdown(ssl) & LibSsl.SslReceivedShutdown) != 0)
            {
                Fail($"the peer sent a fatal alert (SSL_get_error {error}): {OpenSslError.Drain()}");
            }
            else
            {
                DiscardedRecords += Math.Max(1, applicationRecords);
                RecordLayerFault = $"DTLS record layer failed (SSL_get_error {error}): {OpenSslError.Drain()}";
                DiscardOutgoing();
            }
            return;
        }
    }

    private void SendCloseNotify()
    {
        OpenSslError.Clear();
        _ = LibSsl.SSL_shutdown(_ssl.DangerousGetHandle());
        OpenSslError.Clear(); // A failed shutdown changes nothing: the association is over either way.
        DrainOutgoing();
    }

    private void Fail(string reason)
    {
        FailureReason = reason;
        State = DtlsState.Failed;
    }

    /// <summary>Throws away what OpenSSL wrote (the alert it queued about a record we do not hold against the peer).</summary>
    private unsafe void DiscardOutgoing()
    {
        var pending = (int)LibCrypto.BIO_ctrl_pending(_writeBio);
        if (_scratch.Length < pending)
        {
            _scratch = new byte[pending];
        }
        fixed (byte* buffer = _scratch)
        {
            _ = LibCrypto.BIO_read(_writeBio, buffer, pending);
        }
    }

    /// <summary>Moves everything OpenSSL wrote into the outgoing queue as MTU-sized datagrams.</summary>
    private unsafe void DrainOutgoing()
    {
        var pending = (int)LibCrypto.BIO_ctrl_pending(_writeBio);
        if (pending == 0)
        {
            return;
        }
        if (_scratch.Length < pending)
        {
            _scratch = new byte[pending];
        }
        int read;
        fixed (byte* buffer = _scratch)
        {
            read = LibCrypto.BIO_read(_writeBio, buffer, pending);
        }
        if (read > 0)
        {
            DtlsRecordFraming.Packetize(_scratch.AsSpan(0, read), _mtu, _outgoing);
        }
    }

    /// <summary>struct timeval on 64-bit Linux: two longs.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct TimeVal
    {
        public long Seconds;
        public long Microseconds;
    }
}
