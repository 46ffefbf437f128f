namespace PortraitStream.Renderer.Field;

/// <summary>EG3D's scalar activations.</summary>
public static class Activations
{
    /// <summary>log(1 + eˣ), as max(x, 0) + log(1 + e^−|x|): exact for large x, no overflow.</summary>
    public static float Softplus(float x) => MathF.Max(x, 0f) + MathF.Log(1f + MathF.Exp(-MathF.Abs(x)));

    /// <summary>
    /// EG3D's OSG decoder colour: sigmoid(x) · (1 + 2ε) − ε with ε = 0.001, so 0 and 1 are reachable (sigmoid alone
    /// never gets there).
    /// </summary>
    public static float Colour(float x) => (1f + 2f * ColourMargin) / (1f + MathF.Exp(-x)) - ColourMargin;

    private const float ColourMargin = 0.001f;
}
