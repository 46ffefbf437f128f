namespace PortraitStream.Server.Media.Codecs;

/// <summary>An OpenH264 call failed in a way that is a setup or programming error, never because of network input.</summary>
internal sealed class OpenH264Exception(string operation, string detail)
    : CodecException($"{operation} failed: {detail}");
