namespace PortraitStream.Server.Media.Codecs;

/// <summary>What <see cref="VideoEncoder.TryEncode"/> wrote: the frame's length in bytes and whether it is a keyframe.</summary>
internal readonly record struct EncodedFrameInfo(int Length, bool IsKeyframe);
