namespace PortraitStream.Inference.Bundles;

/// <summary>A model bundle breaks the contract; the message starts with the file and names the field or the problem.</summary>
public sealed class ModelBundleException(string message, Exception? inner = null) : Exception(message, inner);
