using PortraitStream.Renderer.Scene;

namespace PortraitStream.Renderer.Tests.Scenes;

/// <summary>
/// A hand-set EG3D decoder (1 → 1 → 4) that turns the analytic field s into a hard surface:
/// h = softplus(Sharpness · (planes · mean − Margin)) = softplus(Sharpness · (s − Margin)), σ = h + EmptyLogit, and a
/// constant colour. Outside (s &lt; Margin, zero features included) h ≈ 0 so density = softplus(EmptyLogit − 1) ≈ 0;
/// inside the density climbs to thousands within a fraction of a pixel of the surface.
/// </summary>
internal static class OccupancyDecoder
{
    public const float Sharpness = 1e6f;
    public const float EmptyLogit = -20f;

    /// <summary>Colour logits: sigmoid(2) ≈ 0.88, sigmoid(0) = 0.5, sigmoid(−2) ≈ 0.12.</summary>
    public static DecoderWeights Create(int planes = 3) => new(
        inputs: 1, hidden: 1, outputs: 4,
        w1: [Sharpness * planes], b1: [-Sharpness * AnalyticTriplanes.Margin],
        w2: [1f, 0f, 0f, 0f], b2: [EmptyLogit, 2f, 0f, -2f]);

    /// <summary>
    /// A solid with a skin like the relief encoder's: raw σ = <paramref name="sharpness"/> · s, linear through the
    /// surface (far below zero in front of it, climbing behind it), as softplus(k·s) − softplus(−k·s) = k·s over two
    /// hidden units; the colours as <see cref="Create"/>'s. At the relief's 5·10⁴ the optical depth behind the surface
    /// reaches 1 about half a live march step in.
    /// </summary>
    public static DecoderWeights Skin(float sharpness, int planes = 3) => new(
        inputs: 1, hidden: 2, outputs: 4,
        w1: [sharpness * planes, -sharpness * planes], b1: [-sharpness * AnalyticTriplanes.Margin, sharpness * AnalyticTriplanes.Margin],
        w2: [1f, -1f, 0f, 0f, 0f, 0f, 0f, 0f], b2: [0f, 2f, 0f, -2f]);
}
