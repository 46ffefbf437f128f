namespace PortraitStream.Server.Media.Codecs;

/// <summary>A codec library call failed in a way that is a setup or programming error, never because of network input.</summary>
internal abstract class CodecException(string message) : Exception(message);
