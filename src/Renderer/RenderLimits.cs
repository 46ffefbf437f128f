namespace PortraitStream.Renderer;

/// <summary>What any <see cref="IVolumeRenderer"/> accepts; requests outside these are refused before any work.</summary>
public static class RenderLimits
{
    /// <summary>Largest image side in pixels.</summary>
    public const int MaxSide = 2048;

    /// <summary>Fewest coarse samples: compositing needs at least one interval.</summary>
    public const int MinCoarseSamples = 2;

    /// <summary>Fewest coarse samples when importance sampling is on: EG3D's pdf has N − 3 bins.</summary>
    public const int MinCoarseSamplesForImportance = 4;

    /// <summary>Most samples of each kind per ray; also keeps per-ray scratch small enough for a shader.</summary>
    public const int MaxSamplesPerPass = 256;

    /// <summary>Most triplane planes (EG3D: 3); bounds the per-sample tap list (<see cref="Field.FieldTaps"/>).</summary>
    public const int MaxPlanes = 8;
}
