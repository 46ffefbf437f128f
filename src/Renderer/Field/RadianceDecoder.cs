using System.Numerics;
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

    // The narrow form (inputs, hidden units and used outputs each within one vector: the relief models' 4→4 and 5→6):
    // W1 as one vector of hidden weights per input, W2's used rows as one vector of output weights per hidden unit.
    private Vector<float>[] _narrowInputRows = [];
    private Vector<float>[] _narrowHiddenRows = [];
    private Vector<float> _narrowB1;
    private Vector<float> _narrowB2;
    private bool _narrow;

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
        LoadNarrow();
    }

    private void LoadNarrow()
    {
        int width = Vector<float>.Count;
        _narrow = Inputs <= width && Hidden <= width && UsedOutputs <= width;
        if (!_narrow) return;
        Span<float> lanes = stackalloc float[width];
        // Reused between frames, like the other weight buffers: a live frame loads the decoder every time.
        if (_narrowInputRows.Length != Inputs) _narrowInputRows = new Vector<float>[Inputs];
        if (_narrowHiddenRows.Length != Hidden) _narrowHiddenRows = new Vector<float>[Hidden];
        for (int i = 0; i < Inputs; i++)
        {
            lanes.Clear();
            _w1Transposed.AsSpan(i * Hidden, Hidden).CopyTo(lanes);
            _narrowInputRows[i] = new Vector<float>(lanes);
        }
        for (int h = 0; h < Hidden; h++)
        {
            lanes.Clear();
            for (int row = 0; row < UsedOutputs; row++) lanes[row] = _head[row * Hidden + h];
            _narrowHiddenRows[h] = new Vector<float>(lanes);
        }
        lanes.Clear();
        _b1.CopyTo(lanes);
        _narrowB1 = new Vector<float>(lanes);
        lanes.Clear();
        _headBias.CopyTo(lanes);
        _narrowB2 = new Vector<float>(lanes);
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
        if (_narrow)
        {
            DecodeNarrow(features, outputs, count);
            return;
        }
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

    /// <summary>
    /// <see cref="Decode"/> for a narrow decoder, one sample per pass in single vectors: the hidden units in one, the
    /// four used outputs in one, with the same softplus and colour lanes as the batched form. The batched form would
    /// spend its time in 4-lane steps, scalar tails and one dot product per output. Samples go two at a time: each is
    /// one long dependent chain (layer, softplus, layer, colour), and two independent chains side by side keep the
    /// pipeline fuller (measured alone on the committed portrait's field: 67 → 55 ns a sample); the results are the same bits.
    /// </summary>
    private void DecodeNarrow(ReadOnlySpan<float> features, Span<float> outputs, int count)
    {
        int k = 0;
        for (; k + 1 < count; k += 2)
        {
            var (first, second) = (NarrowOutputs(features.Slice(k * Inputs, Inputs)), NarrowOutputs(features.Slice((k + 1) * Inputs, Inputs)));
            StoreNarrow(first, outputs, count, k);
            StoreNarrow(second, outputs, count, k + 1);
        }
        if (k < count)
        {
            StoreNarrow(NarrowOutputs(features.Slice(k * Inputs, Inputs)), outputs, count, k);
        }
    }

    /// <summary>One sample's used outputs before the colour activation (lane 0 raw σ, lanes 1–3 colour logits).</summary>
    private Vector<float> NarrowOutputs(ReadOnlySpan<float> f)
    {
        var hidden = _narrowB1;
        for (int i = 0; i < f.Length; i++)
        {
            hidden = Vector.MultiplyAddEstimate(_narrowInputRows[i], new Vector<float>(f[i]), hidden);
        }
        hidden = VectorActivations.Softplus(hidden);
        var output = _narrowB2;
        for (int h = 0; h < _narrowHiddenRows.Length; h++)
        {
            output = Vector.MultiplyAddEstimate(_narrowHiddenRows[h], new Vector<float>(hidden[h]), output);
        }
        return output;
    }

    /// <summary>Sample <paramref name="k"/>'s raw σ and colours into the output columns.</summary>
    private static void StoreNarrow(Vector<float> output, Span<float> outputs, int count, int k)
    {
        var colour = VectorActivations.Colour(output);
        outputs[k] = output[0];
        outputs[count + k] = colour[1];
        outputs[2 * count + k] = colour[2];
        outputs[3 * count + k] = colour[3];
    }

    private static void Resize(ref float[] buffer, int length)
    {
        if (buffer.Length != length) buffer = new float[length];
    }
}
