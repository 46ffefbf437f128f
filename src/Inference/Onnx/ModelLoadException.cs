namespace PortraitStream.Inference.Onnx;

/// <summary>A model file is missing, unreadable, or breaks the contract; the message names the file and the problem.</summary>
public sealed class ModelLoadException(string message, Exception? inner = null) : Exception(message, inner);
