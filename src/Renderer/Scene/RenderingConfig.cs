namespace PortraitStream.Renderer.Scene;

/// <summary>
/// How a bundle's radiance field is rendered (model.json "rendering"). Units: world units (EG3D's), degrees for
/// angles. Defaults are EG3D FFHQ's.
/// </summary>
public sealed record RenderingConfig
{
    /// <summary>Side of the cube the triplanes cover, centred on the origin: coordinates are scaled by 2 / BoxWarp into [−1, 1].</summary>
    public float BoxWarp { get; init; } = 1f;
    public float RayNear { get; init; } = 2.25f;
    public float RayFar { get; init; } = 3.3f;
    public int CoarseSamples { get; init; } = 48;
    public int ImportanceSamples { get; init; } = 48;
    /// <summary>Density activation is softplus(σ + DensityBias); EG3D uses −1.</summary>
    public float DensityBias { get; init; } = -1f;
    /// <summary>Camera distance from the origin at zoom 1.</summary>
    public float CameraRadius { get; init; } = 2.7f;
    /// <summary>The point the camera looks at (world units).</summary>
    public (float X, float Y, float Z) LookAt { get; init; } = (0f, 0f, 0.2f);
    /// <summary>Focal length as a fraction of the image side (EG3D: 4.2647, ≈ 18.837° vertical field of view).</summary>
    public float FocalLength { get; init; } = 4.2647f;
    /// <summary>
    /// The model paints its XY plane from one photo taken by the default camera (as relief does), so a turned view's
    /// surfaces that photo saw edge-on are smoothed across their streaks (<see cref="Stretch.StretchSmoothing"/>).
    /// Off for EG3D's own models, which learned their sides.
    /// </summary>
    public bool SmoothStretch { get; init; }

    /// <summary>The views the model is meant to be seen from (<see cref="Camera.ViewRange"/>); unlimited unless it declares one.</summary>
    public Camera.ViewRange ViewRange { get; init; } = Camera.ViewRange.Unlimited;

    public static RenderingConfig Eg3dFfhq { get; } = new();
}
