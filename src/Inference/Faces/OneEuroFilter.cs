namespace PortraitStream.Inference.Faces;

/// <summary>
/// The 1€ filter (Casiez, Roussel, Vogel, CHI 2012): an exponential smoother whose cutoff frequency rises with the
/// signal's speed, so a still face is held steady (low cutoff, jitter removed) while a moving one is followed with
/// little lag (high cutoff). Cutoffs in hertz; <c>beta</c> in hertz per (signal unit per second).
/// </summary>
internal sealed class OneEuroFilter(float minCutoff, float beta, float derivativeCutoff = 1f)
{
    private bool _primed;
    private float _value;
    private float _derivative;

    public float Filter(float x, float dt)
    {
        if (!_primed)
        {
            (_value, _derivative, _primed) = (x, 0, true);
            return x;
        }
        var rawDerivative = (x - _value) / dt;
        _derivative += Alpha(derivativeCutoff, dt) * (rawDerivative - _derivative);
        var cutoff = minCutoff + beta * MathF.Abs(_derivative);
        _value += Alpha(cutoff, dt) * (x - _value);
        return _value;
    }

    public void Reset() => _primed = false;

    /// <summary>Smoothing factor of a first-order low-pass at <paramref name="cutoff"/> Hz sampled every <paramref name="dt"/> s.</summary>
    private static float Alpha(float cutoff, float dt)
    {
        var tau = 1f / (2f * MathF.PI * cutoff);
        return 1f / (1f + tau / dt);
    }
}
