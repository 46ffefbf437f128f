using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace PortraitStream.Server.WebRtc.Stun;

/// <summary>
/// MESSAGE-INTEGRITY (RFC 8489 §14.5, HMAC-SHA1 with the short-term password as key, §9.1.1) and
/// FINGERPRINT (§14.7) checks over received messages.
/// </summary>
internal static class StunIntegrity
{
    private const int FingerprintValueLength = 4;

    /// <summary>
    /// True when the message carries a FINGERPRINT as its last attribute and the CRC matches.
    /// </summary>
    public static bool HasValidFingerprint(in StunMessage message)
    {
        if (!message.TryGetAttribute(StunAttributeType.Fingerprint, out var attribute)
            || attribute.Value.Length != FingerprintValueLength
            || attribute.Offset + StunConstants.AttributeHeaderLength + FingerprintValueLength != message.Raw.Length)
        {
            return false;
        }

        // §14.7: the CRC covers everything before the attribute, with the header length already
        // counting the FINGERPRINT itself, which is the case because it is the last attribute.
        uint expected = Crc32.Compute(message.Raw[..attribute.Offset]) ^ StunConstants.FingerprintXor;
        return BinaryPrimitives.ReadUInt32BigEndian(attribute.Value) == expected;
    }

    /// <summary>True when MESSAGE-INTEGRITY is present and matches the HMAC under <paramref name="key"/>.</summary>
    public static bool HasValidMessageIntegrity(in StunMessage message, ReadOnlySpan<byte> key)
    {
        if (!message.TryGetAttribute(StunAttributeType.MessageIntegrity, out var attribute)
            || attribute.Value.Length != StunConstants.MessageIntegrityLength)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[StunConstants.MessageIntegrityLength];
        ComputeMessageIntegrity(message.Raw[..attribute.Offset], key, expected);
        return CryptographicOperations.FixedTimeEquals(expected, attribute.Value);
    }

    /// <summary>
    /// HMAC-SHA1 over <paramref name="prefix"/> (header and attributes before MESSAGE-INTEGRITY) with the
    /// header length rewritten to end just after the MESSAGE-INTEGRITY attribute, as §14.5 requires.
    /// </summary>
    [SuppressMessage("Security", "CA5350", Justification = "RFC 8489 §14.5 mandates HMAC-SHA1.")]
    public static void ComputeMessageIntegrity(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> key, Span<byte> destination)
    {
        Span<byte> copy = stackalloc byte[StunConstants.MaxMessageLength];
        copy = copy[..prefix.Length];
        prefix.CopyTo(copy);
        int lengthThroughIntegrity = prefix.Length - StunConstants.HeaderLength
            + StunConstants.AttributeHeaderLength + StunConstants.MessageIntegrityLength;
        BinaryPrimitives.WriteUInt16BigEndian(copy[2..], (ushort)lengthThroughIntegrity);
        HMACSHA1.HashData(key, copy, destination);
    }
}
