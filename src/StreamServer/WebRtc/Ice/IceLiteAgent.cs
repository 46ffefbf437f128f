using System.Net;
using System.Text;
using PortraitStream.Server.WebRtc.Stun;

namespace PortraitStream.Server.WebRtc.Ice;

/// <summary>
/// The lite side of ICE (RFC 8445 §2.5): we never send checks, we answer the browser's, which is always
/// the controlling agent. The pair the browser nominates with USE-CANDIDATE becomes the one media goes
/// to. Consent (RFC 7675 §5.1) lasts 30 s from the last authenticated check; the browser refreshes it.
/// Not thread-safe: one receive loop owns it.
/// </summary>
internal sealed class IceLiteAgent
{
    /// <summary>RFC 7675 §5.1: consent expires 30 seconds after the last successful check.</summary>
    public static readonly TimeSpan ConsentTimeout = TimeSpan.FromSeconds(30);

    private readonly byte[] _localUfragColon;
    private readonly byte[] _localPassword;
    private readonly TimeProvider _time;
    private readonly List<IPEndPoint> _validated = [];
    private byte[]? _remoteUfrag;
    private long _lastCheckTimestamp;

    /// <summary>Creates an agent answering with <paramref name="local"/> credentials.</summary>
    public IceLiteAgent(IceCredentials local, TimeProvider time)
    {
        Local = local;
        _localUfragColon = Encoding.UTF8.GetBytes(local.Ufrag + ":");
        _localPassword = Encoding.UTF8.GetBytes(local.Password);
        _time = time;
    }

    /// <summary>Our credentials, as announced in the answer.</summary>
    public IceCredentials Local { get; }

    /// <summary>The remote address of the nominated pair, once the browser has nominated one.</summary>
    public IPEndPoint? SelectedRemote { get; private set; }

    /// <summary>
    /// Where to send before nomination: the source of the latest authenticated check. The browser may
    /// start DTLS on a pair it has validated but not yet nominated (RFC 8445 §7.2.5.3.1).
    /// </summary>
    public IPEndPoint? LatestValidatedRemote => _validated.Count == 0 ? null : _validated[^1];

    /// <summary>Drop reasons and answers.</summary>
    public IceAgentCounters Counters { get; } = new();

    /// <summary>True while an authenticated check arrived within <see cref="ConsentTimeout"/>.</summary>
    public bool HasConsent =>
        _lastCheckTimestamp != 0 && _time.GetElapsedTime(_lastCheckTimestamp) <= ConsentTimeout;

    /// <summary>True when <paramref name="source"/> has sent us an authenticated check: only then do we accept its DTLS and SRTP.</summary>
    public bool IsValidatedRemote(IPEndPoint source) => _validated.Contains(source);

    /// <summary>Remembers the browser's ufrag from its offer so USERNAME can be checked in full.</summary>
    public void SetRemoteUfrag(string ufrag) => _remoteUfrag = Encoding.UTF8.GetBytes(ufrag);

    /// <summary>
    /// Handles one STUN datagram from <paramref name="source"/>; on a valid check writes the success
    /// response into <paramref name="response"/> (at least 128 bytes for IPv6).
    /// </summary>
    public IceCheckOutcome HandleStun(ReadOnlySpan<byte> datagram, IPEndPoint source, Span<byte> response, out int responseLength)
    {
        responseLength = 0;
        if (!StunMessage.TryRead(datagram, out var request, out _))
        {
            Counters.Malformed++;
            return IceCheckOutcome.Dropped;
        }

        if (request.Type == StunMessageType.BindingIndication)
        {
            return IceCheckOutcome.Keepalive;
        }

        if (request.Type != StunMessageType.BindingRequest)
        {
            Counters.UnexpectedType++;
            return IceCheckOutcome.Dropped;
        }

        // RFC 8445 §7.3 with RFC 8489 §9.1.3: checks are authenticated with our password. Unauthenticated
        // checks are dropped rather than answered with 401, so we never reflect traffic to spoofed sources.
        if (!StunIntegrity.HasValidFingerprint(request))
        {
            Counters.BadFingerprint++;
            return IceCheckOutcome.Dropped;
        }

        if (!IsUsernameOurs(request))
        {
            Counters.BadUsername++;
            return IceCheckOutcome.Dropped;
        }

        if (!StunIntegrity.HasValidMessageIntegrity(request, _localPassword))
        {
            Counters.BadIntegrity++;
            return IceCheckOutcome.Dropped;
        }

        _lastCheckTimestamp = _time.GetTimestamp();
        Remember(source);
        responseLength = WriteSuccess(request, source, response);
        Counters.Answered++;

        // RFC 8445 §7.3.1.5: a lite agent selects the pair on which USE-CANDIDATE arrives.
        if (request.HasAttribute(StunAttributeType.UseCandidate))
        {
            if (SelectedRemote is null || !SelectedRemote.Equals(source))
            {
                SelectedRemote = source;
            }

            return IceCheckOutcome.AnsweredAndNominated;
        }

        return IceCheckOutcome.Answered;
    }

    private void Remember(IPEndPoint source)
    {
        // A handful of candidate pairs at most; the oldest is forgotten first.
        const int MaxValidated = 8;
        _validated.Remove(source);
        if (_validated.Count == MaxValidated)
        {
            _validated.RemoveAt(0);
        }

        _validated.Add(source);
    }

    private bool IsUsernameOurs(in StunMessage request)
    {
        // RFC 8445 §7.2.2: USERNAME is "receiver ufrag:sender ufrag", so ours comes first.
        if (!request.TryGetAttribute(StunAttributeType.Username, out var username)
            || !username.Value.StartsWith(_localUfragColon))
        {
            return false;
        }

        return _remoteUfrag is null || username.Value[_localUfragColon.Length..].SequenceEqual(_remoteUfrag);
    }

    private int WriteSuccess(in StunMessage request, IPEndPoint source, Span<byte> response)
    {
        // RFC 8489 §7.3.1: the response echoes the transaction id and reports the source address.
        var writer = new StunWriter(response, StunMessageType.BindingSuccess, request.TransactionId);
        writer.TryAddXorMappedAddress(source);
        writer.TryAddMessageIntegrity(_localPassword);
        writer.TryAddFingerprint();
        return writer.Length;
    }
}
