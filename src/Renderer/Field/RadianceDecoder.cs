using PortraitStream.Renderer.Scene;

namespace PortraitStream.Renderer.Field;

/// <summary>
/// EG3D's OSG decoder on a batch of feature vectors: h = softplus(W1·f + b1), o = W2·h + b2; σ = o[0], colour =
/// sigmoid(o[1..4])·1.002 − 0.001. Only o[0..4] are computed: the other features feed a super-resolution network,
/// which the renderer does not run. W1 is kept transposed ([in, hidden]) so the first layer runs along hidden units in
/// SIMD registers.
/// <see cref="Load"/> reuses buffers between frames.
/// </summary>
public sealed class RadianceDecoder
{
    /// <summary>Outputs the renderer reads: density and RGB.</summary>
    public const int UsedOutputs = 4;

    private float[] _w1Transposed = [];
    private float[] _b1 = [];
    private float[] _head = [];
    private float[] _headBias = [];

    public int Inputs { get; private set; }
    public int Hidden { get; private set; }

    public void Load(DecoderWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        (Inputs, Hidden) = (weights.Inputs, weights.Hidden);
        Resize(ref _w1Transposed, Inputs * Hidden);
        for (int o = 0; o < Hidden; o++)
        {
            for (int i = 0; i < Inputs; i++)
            {
                _w1Transposed[i * Hidden + o] = weights.W1[o * Inputs + i];
            }
        }
        _b1 = [.. weights.B1];
        _head = weights.W2[..(UsedOutputs * Hidden)];
        _headBias = weights.B2[..UsedOutputs];
    }

    /// <summary>
    /// Decodes N samples at once, so the activations run over whole spans (N · hidden softplus, 3N colours) instead of a
    /// few values per call.
    /// </summary>
    /// <param name="features">N feature vectors of <see cref="Inputs"/> floats, one after another.</param>
    /// <param name="hidden">Scratch of N · <see cref="Hidden"/> floats.</param>
    /// <param name="outputs">Receives 4 columns of N: raw σ, then R, G, B.</param>
    public void Decode(ReadOnlySpan<float> features, Span<float> hidden, Span<float> outputs)
    {
        int count = outputs.Length / UsedOutputs;
        hidden = hidden[..(count * Hidden)];
        VectorMath.AffineTransposed(features[..(count * Inputs)], _w1Transposed, _b1, hidden);
        VectorActivations.Softplus(hidden);
        for (int k = 0; k < count; k++)
        {
            var h = hidden.Slice(k * Hidden, Hidden);
            for (int row = 0; row < UsedOutputs; row++)
            {
                outputs[row * count + k] = VectorMath.Dot(_head.AsSpan(row * Hidden, Hidden), h) + _headBias[row];
            }
        }
        VectorActivations.Colour(outputs[count..]);
    }

    private static void Resize(ref float[] buffer, int length)
    {
        if (buffer.Length != length) buffer = new float[length];
    }
}
