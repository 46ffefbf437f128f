namespace PortraitStream.Server.WebRtc.Video;

/// <summary>
/// A complete frame out of a depacketizer, in the codec's own bitstream form (a VP8 frame; an H.264 access unit in
/// Annex B byte-stream form). <see cref="Data"/> is valid until the next packet is pushed: copy it, or decode it
/// before then.
/// </summary>
internal readonly record struct DepacketizedFrame(ReadOnlyMemory<byte> Data, uint RtpTimestamp, bool IsKeyFrame);
