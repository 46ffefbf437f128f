using PortraitStream.Server.WebRtc.Rtp;
using PortraitStream.Server.WebRtc.Sdp;

namespace PortraitStream.Server.WebRtc.Session;

/// <summary>
/// The RFC 8285 one-byte extension block on every video packet we send, each element only where the offer named it:
/// abs-send-time (Chromium's receive-side bandwidth estimate, which drives the REMB we follow) and playout-delay
/// (<see cref="PlayoutDelay.Requested"/>: the receiver shows frames as they come instead of buffering the render's
/// uneven pace). The block is built once; a packet gets a copy with its send time written in. Not thread-safe (the
/// sender's lock covers it).
/// </summary>
internal sealed class VideoHeaderExtensions
{
    // abs-send-time, then playout-delay: two element headers and their values, padded, after the block header.
    private const int MaxLength = RtpHeaderExtensionWriter.BlockHeaderLength + 8;

    private readonly byte[] _block;
    private readonly int _sendTimeAt;

    private VideoHeaderExtensions(byte[] block, int sendTimeAt) => (_block, _sendTimeAt) = (block, sendTimeAt);

    /// <summary>The block's length in bytes, padding included.</summary>
    public int Length => _block.Length;

    /// <summary>The block for <paramref name="offer"/>'s video, or null when it offered neither extension.</summary>
    public static VideoHeaderExtensions? For(VideoOffer offer) => For(offer.AbsSendTime?.Id, offer.PlayoutDelay?.Id);

    /// <summary>The block stamping abs-send-time and playout-delay under the ids given, or null when both are null.</summary>
    public static VideoHeaderExtensions? For(byte? absSendTimeId, byte? playoutDelayId)
    {
        if (absSendTimeId is null && playoutDelayId is null)
        {
            return null;
        }

        Span<byte> block = stackalloc byte[MaxLength];
        int at = RtpHeaderExtensionWriter.BlockHeaderLength, sendTimeAt = -1;
        if (absSendTimeId is { } sendTimeId)
        {
            // Zeros for now: Write stamps each packet's own send time here.
            Append(block, ref at, sendTimeId, stackalloc byte[AbsoluteSendTime.Length]);
            sendTimeAt = at - AbsoluteSendTime.Length;
        }

        if (playoutDelayId is { } delayId)
        {
            Span<byte> delay = stackalloc byte[PlayoutDelay.Length];
            PlayoutDelay.Write(PlayoutDelay.Requested.Min, PlayoutDelay.Requested.Max, delay);
            Append(block, ref at, delayId, delay);
        }

        if (!RtpHeaderExtensionWriter.TryCloseBlock(block, at - RtpHeaderExtensionWriter.BlockHeaderLength, out int length))
        {
            throw new InvalidOperationException("Two one-byte elements always fit the block.");
        }

        return new VideoHeaderExtensions(block[..length].ToArray(), sendTimeAt);
    }

    /// <summary>Writes the block at the start of <paramref name="destination"/>, abs-send-time stamped <paramref name="sendTime"/> (64-bit NTP).</summary>
    public void Write(Span<byte> destination, ulong sendTime)
    {
        _block.CopyTo(destination);
        if (_sendTimeAt >= 0)
        {
            AbsoluteSendTime.Write(sendTime, destination[_sendTimeAt..]);
        }
    }

    private static void Append(Span<byte> block, ref int at, byte id, ReadOnlySpan<byte> value)
    {
        // The ids come from VideoOffer, which takes one-byte ids (1–14) only.
        if (!RtpHeaderExtensionWriter.TryWriteElement(block[at..], id, value, out int written))
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, "Not a one-byte header extension id (RFC 8285 §4.2: 1–14).");
        }

        at += written;
    }
}
