namespace PortraitStream.Renderer.Scene;

/// <summary>
/// EG3D's OSG decoder: the mean of the three planes' features (C) → FC → softplus → FC → (1 density + F features),
/// features[0..3] being RGB. Weights are row-major [out, in] with EG3D's run-time weight gain (lr_mul / √in) already
/// baked in, so the renderer computes plain <c>y = W·x + b</c>.
/// </summary>
public sealed record DecoderWeights
{
    public DecoderWeights(int inputs, int hidden, int outputs, float[] w1, float[] b1, float[] w2, float[] b2)
    {
        Check(inputs > 0 && hidden > 0 && outputs >= 4, "decoder sizes must be positive with at least 1 density + 3 colour outputs");
        Check(w1.Length == hidden * inputs, $"fc1 weight has {w1.Length} floats, needs {hidden}×{inputs}");
        Check(b1.Length == hidden, $"fc1 bias has {b1.Length} floats, needs {hidden}");
        Check(w2.Length == outputs * hidden, $"fc2 weight has {w2.Length} floats, needs {outputs}×{hidden}");
        Check(b2.Length == outputs, $"fc2 bias has {b2.Length} floats, needs {outputs}");
        (Inputs, Hidden, Outputs, W1, B1, W2, B2) = (inputs, hidden, outputs, w1, b1, w2, b2);
    }

    public int Inputs { get; }
    public int Hidden { get; }
    /// <summary>1 density + F features; F = Outputs − 1, of which the first 3 are RGB.</summary>
    public int Outputs { get; }
    public float[] W1 { get; }
    public float[] B1 { get; }
    public float[] W2 { get; }
    public float[] B2 { get; }

    private static void Check(bool ok, string message)
    {
        if (!ok) throw new ArgumentException(message);
    }
}
