namespace PortraitStream.Inference.Tfjs;

/// <summary>
/// A constant of a TF.js graph model, dequantized: its TensorFlow shape (row-major, NHWC for images, HWIO for
/// convolution filters) and its values as floats. Integer constants (shapes, paddings, axes) are exact in a float up to
/// 2²⁴, far beyond any shape these graphs hold.
/// </summary>
internal sealed record TfjsTensor(int[] Shape, float[] Values)
{
    public int Rank => Shape.Length;

    public long[] LongValues() => Array.ConvertAll(Values, v => (long)v);
}
