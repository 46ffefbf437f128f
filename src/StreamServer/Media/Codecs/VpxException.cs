namespace PortraitStream.Server.Media.Codecs;

/// <summary>A libvpx call failed in a way that is a setup or programming error, never because of network input.</summary>
internal sealed class VpxException(string operation, string libvpxMessage)
    : CodecException($"{operation} failed: {libvpxMessage}");
