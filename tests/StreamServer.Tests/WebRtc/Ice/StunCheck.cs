using System.Text;
using PortraitStream.Server.WebRtc.Stun;

namespace PortraitStream.Server.Tests.WebRtc.Ice;

/// <summary>A browser's connectivity check (RFC 8445 §7.2.2): USERNAME ours:theirs, keyed with our password.</summary>
internal static class StunCheck
{
    public static byte[] Build(string username, string password, bool useCandidate, bool fingerprint = true)
    {
        var buffer = new byte[512];
        var writer = new StunWriter(buffer, StunMessageType.BindingRequest, Guid.NewGuid().ToByteArray().AsSpan(0, 12));
        writer.TryAdd(StunAttributeType.Username, Encoding.UTF8.GetBytes(username));
        writer.TryAddUInt32(StunAttributeType.Priority, 0x6e0001ff);
        writer.TryAddUInt64(StunAttributeType.IceControlling, 42);
        if (useCandidate)
        {
            writer.TryAdd(StunAttributeType.UseCandidate, []);
        }

        writer.TryAddMessageIntegrity(Encoding.UTF8.GetBytes(password));
        if (fingerprint)
        {
            writer.TryAddFingerprint();
        }

        return writer.Written.ToArray();
    }
}
