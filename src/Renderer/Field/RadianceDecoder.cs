using PortraitStream.Inference.Triplanes;

namespace PortraitStream.Renderer.Field;

/// <summary>
/// EG3D's OSG decoder on one feature vector: h = softplus(W1·f + b1), o = W2·h + b2; σ = o[0], colour =
/// sigmoid(o[1..4])·1.002 − 0.001. Only o[0..4] are computed: the other features feed a super-resolution network,
/// which the renderer does not run. W1 is kept transposed ([in, hidden]) so the first layer runs along hidden units in SIMD
/// registers.
/// <see cref="Load"/> reuses buffers between frames.
/// </summary>
public sealed class RadianceDecoder
{
    /// <summary>Outputs the renderer reads: density and RGB.</summary>
    private const int UsedOutputs = 4;

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

    /// <param name="features">C mean triplane features.</param>
    /// <param name="hidden">Scratch of length <see cref="Hidden"/>.</param>
    public RadianceSample Decode(ReadOnlySpan<float> features, Span<float> hidden)
    {
        VectorMath.AffineTransposed(features, _w1Transposed, _b1, hidden);
        VectorMath.Softplus(hidden);
        return new RadianceSample(
            Output(0, hidden),
            Activations.Colour(Output(1, hidden)),
            Activations.Colour(Output(2, hidden)),
            Activations.Colour(Output(3, hidden)));
    }

    private float Output(int row, ReadOnlySpan<float> hidden) =>
        VectorMath.Dot(_head.AsSpan(row * Hidden, Hidden), hidden) + _headBias[row];

    private static void Resize(ref float[] buffer, int length)
    {
        if (buffer.Length != length) buffer = new float[length];
    }
}
