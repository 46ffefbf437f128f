using System.Net;
using System.Text;
using PortraitStream.Server.WebRtc.Ice;
using PortraitStream.Server.WebRtc.Stun;

namespace PortraitStream.Server.Tests.WebRtc.Ice;

public class IceLiteAgentTests
{
    private static readonly IceCredentials Local = new("srvU", "serverpassword0123456789");
    private static readonly IPEndPoint Browser = new(IPAddress.Loopback, 50000);
    private readonly ManualTimeProvider _time = new();

    /// <summary>A browser's connectivity check (RFC 8445 §7.2.2): USERNAME ours:theirs, keyed with our password.</summary>
    internal static byte[] Check(string username, string password, bool useCandidate, bool fingerprint = true) =>
        StunCheck.Build(username, password, useCandidate, fingerprint);

    private IceLiteAgent NewAgent()
    {
        var agent = new IceLiteAgent(Local, _time);
        agent.SetRemoteUfrag("brwz");
        return agent;
    }

    [Fact]
    public void Rfc8445_Section7_3_ValidCheck_AnsweredWithAuthenticatedSuccess()
    {
        var agent = NewAgent();
        var response = new byte[256];
        var outcome = agent.HandleStun(Check("srvU:brwz", Local.Password, false), Browser, response, out int length);

        Assert.Equal(IceCheckOutcome.Answered, outcome);
        Assert.Null(agent.SelectedRemote);
        Assert.True(StunMessage.TryRead(response.AsSpan(0, length), out var message, out _));
        Assert.Equal(StunMessageType.BindingSuccess, message.Type);
        Assert.True(StunIntegrity.HasValidMessageIntegrity(message, Encoding.UTF8.GetBytes(Local.Password)));
        Assert.True(StunIntegrity.HasValidFingerprint(message));
        Assert.True(message.TryGetAttribute(StunAttributeType.XorMappedAddress, out var mapped));
        Span<byte> address = stackalloc byte[16];
        Assert.True(StunXorAddress.TryRead(mapped.Value, message.Raw[4..20], address, out int port, out int addressLength));
        Assert.Equal(Browser, new IPEndPoint(new IPAddress(address[..addressLength]), port));
    }

    [Fact]
    public void Rfc8445_Section7_3_1_5_UseCandidate_SelectsPair()
    {
        var agent = NewAgent();
        var outcome = agent.HandleStun(Check("srvU:brwz", Local.Password, true), Browser, new byte[256], out _);
        Assert.Equal(IceCheckOutcome.AnsweredAndNominated, outcome);
        Assert.Equal(Browser, agent.SelectedRemote);
    }

    [Theory]
    [InlineData("other:brwz", "serverpassword0123456789", true, nameof(IceAgentCounters.BadUsername))]
    [InlineData("srvU:evil", "serverpassword0123456789", true, nameof(IceAgentCounters.BadUsername))]
    [InlineData("srvU:brwz", "wrong-password", true, nameof(IceAgentCounters.BadIntegrity))]
    [InlineData("srvU:brwz", "serverpassword0123456789", false, nameof(IceAgentCounters.BadFingerprint))]
    public void Rfc8445_Section7_3_BadChecks_DroppedAndCounted(string username, string password, bool fingerprint, string counter)
    {
        var agent = NewAgent();
        var outcome = agent.HandleStun(Check(username, password, true, fingerprint), Browser, new byte[256], out int length);
        Assert.Equal(IceCheckOutcome.Dropped, outcome);
        Assert.Equal(0, length);
        Assert.Null(agent.SelectedRemote);
        Assert.Equal(1L, typeof(IceAgentCounters).GetProperty(counter)!.GetValue(agent.Counters));
    }

    [Fact]
    public void Rfc7675_Section5_1_ConsentExpiresAfter30sWithoutChecks()
    {
        var agent = NewAgent();
        Assert.False(agent.HasConsent);
        agent.HandleStun(Check("srvU:brwz", Local.Password, true), Browser, new byte[256], out _);
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.True(agent.HasConsent);
        agent.HandleStun(Check("srvU:brwz", Local.Password, false), Browser, new byte[256], out _);
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.True(agent.HasConsent);
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(agent.HasConsent);
    }
}
