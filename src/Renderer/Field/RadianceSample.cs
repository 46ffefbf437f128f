namespace PortraitStream.Renderer.Field;

/// <summary>
/// The decoder's answer at one point: <see cref="RawDensity"/> is σ before EG3D's density activation (the ray marcher
/// averages raw σ of neighbouring samples, then applies softplus(σ + bias)); R, G, B are colours in [−0.001, 1.001].
/// </summary>
public readonly record struct RadianceSample(float RawDensity, float R, float G, float B);

/// <summary>A <see cref="RadianceSample"/> at <see cref="Depth"/> (world units along its ray).</summary>
public readonly record struct RaySample(float Depth, RadianceSample Radiance);
