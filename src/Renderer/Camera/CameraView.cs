namespace PortraitStream.Renderer.Camera;

/// <summary>
/// Where the viewer asks the camera to be, as the SignalR <c>SetView</c> carries it. Angles in degrees.
/// <list type="bullet">
/// <item><see cref="YawDegrees"/>: orbit about the world y axis; positive moves the camera toward +x.</item>
/// <item><see cref="PitchDegrees"/>: elevation above the xz plane; positive moves the camera up (+y).</item>
/// <item><see cref="RollDegrees"/>: rotation about the viewing axis; positive turns the image content counter-clockwise on screen.</item>
/// <item><see cref="Zoom"/>: 1 puts the camera at <c>RenderingConfig.CameraRadius</c>; 2 at half that distance.</item>
/// <item><see cref="FovDegrees"/>: diagonal field of view (EG3D's <c>FOV_to_intrinsics</c> convention); ≤ 0 keeps the model's focal length.</item>
/// </list>
/// </summary>
public readonly record struct CameraView(float YawDegrees, float PitchDegrees, float RollDegrees = 0f, float Zoom = 1f, float FovDegrees = 0f)
{
    /// <summary>Pitch is kept off the poles, where "up" stops defining a camera frame (EG3D clamps the same way).</summary>
    public const float MaxAbsPitchDegrees = 89f;

    public const float MaxFovDegrees = 170f;

    /// <summary>
    /// Zoom range (the render CLI's too): from 10× the model's camera distance in to a tenth of it (EG3D FFHQ: 0.27
    /// world units, inside the box but clear of the look-at point).
    /// </summary>
    public const float MinZoom = 0.1f;
    public const float MaxZoom = 10f;

    /// <summary>The model's default view: in front of the face, on +z.</summary>
    public static CameraView Front { get; } = new(0f, 0f);

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first field that is out of range.</summary>
    /// <remarks>Every rendered frame checks its view, so a message is formatted only for a check that fails: formatting
    /// all five each time allocated about 1 KiB a frame (VulkanResourceHygieneTests).</remarks>
    public void Validate()
    {
        if (!float.IsFinite(YawDegrees))
        {
            Fail($"yaw {YawDegrees} is not a finite angle");
        }
        if (!float.IsFinite(PitchDegrees) || MathF.Abs(PitchDegrees) > MaxAbsPitchDegrees)
        {
            Fail($"pitch {PitchDegrees}° is outside ±{MaxAbsPitchDegrees}°");
        }
        if (!float.IsFinite(RollDegrees))
        {
            Fail($"roll {RollDegrees} is not a finite angle");
        }
        if (Zoom is not (>= MinZoom and <= MaxZoom))
        {
            Fail($"zoom {Zoom} is outside {MinZoom}…{MaxZoom}");
        }
        if (!(float.IsFinite(FovDegrees) && FovDegrees < MaxFovDegrees))
        {
            Fail($"fov {FovDegrees}° must be below {MaxFovDegrees}°");
        }
    }

    private static void Fail(string message) => throw new ArgumentException($"camera view: {message}");
}
