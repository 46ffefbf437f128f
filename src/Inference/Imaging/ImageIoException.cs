namespace PortraitStream.Inference.Imaging;

/// <summary>An image or video file could not be read or written; the message is one line a user can act on.</summary>
public sealed class ImageIoException(string message, Exception? inner = null) : Exception(message, inner);
