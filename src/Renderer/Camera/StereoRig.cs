using PortraitStream.Renderer.Scene;

namespace PortraitStream.Renderer.Camera;

/// <summary>
/// Two eyes instead of one camera: the mono camera (<see cref="PinholeCamera.For"/>) moved by ∓IPD/2 along its right
/// axis, axes kept parallel, each frustum made off-axis so that both eyes' principal rays converge on the model's
/// look-at point (the face): there the two pictures coincide (zero parallax), nearer points shift right in the left eye.
/// Parallel axes rather than toed-in cameras, so the eyes' pictures differ only horizontally (toe-in adds a vertical
/// keystone disparity a headset viewer has to fuse). A point at depth Z along the axis then has the disparity
/// x_left − x_right = focal · IPD · (1/Z − 1/Z_c) pixels, Z_c the look-at point's depth: the raw parallel-camera
/// disparity focal · IPD / Z less the constant convergence shift focal · IPD / Z_c.
/// <para>Scale: the field has no physical unit, so millimetres map to world units through the head it holds. The face
/// crop every encoder is framed on spans 2.2 face sizes of 2.1 eye distances (<c>FaceFraming</c>: 4.62 eye distances),
/// and at the face plane (2.55 units from the default camera, focal 4.2647) the crop spans 2.55 / 4.2647 ≈ 0.598
/// units: the portrait's eyes are ≈ 0.1295 units apart. An adult's pupils are 63 mm apart on average, so 63 mm ↦
/// 0.1295 units (<see cref="WorldUnitsPerMillimetre"/>): a viewer with the average IPD sees the head at life size.</para>
/// </summary>
public readonly record struct StereoRig(float IpdMillimetres)
{
    public const float DefaultIpdMillimetres = 63f;

    /// <summary>The range of human interpupillary distances (children's ≈ 40 mm to the widest adults' ≈ 80 mm).</summary>
    public const float MinIpdMillimetres = 40f;
    public const float MaxIpdMillimetres = 80f;

    /// <summary>World units per millimetre of the viewer's IPD: the portrait's eye distance over 63 mm (see the summary).</summary>
    public const float WorldUnitsPerMillimetre = 0.1295f / 63f;

    public static StereoRig Default { get; } = new(DefaultIpdMillimetres);

    /// <summary>The eyes' separation in world units.</summary>
    public float IpdWorld => IpdMillimetres * WorldUnitsPerMillimetre;

    /// <summary>Null when the IPD is usable, else the reason, naming the range.</summary>
    public string? Problem() => float.IsFinite(IpdMillimetres) && IpdMillimetres is >= MinIpdMillimetres and <= MaxIpdMillimetres
        ? null
        : $"stereo: IPD {IpdMillimetres} mm is outside {MinIpdMillimetres}…{MaxIpdMillimetres} mm";

    /// <summary>
    /// <paramref name="eye"/>'s camera for a mono camera that looks at <paramref name="rendering"/>'s look-at point:
    /// origin moved along the right axis, same axes, near/far and intrinsics, principal point shifted so that the
    /// look-at point stays at the image centre's x.
    /// </summary>
    public PinholeCamera Eye(in PinholeCamera mono, StereoEye eye, RenderingConfig rendering)
    {
        ArgumentNullException.ThrowIfNull(rendering);
        float side = eye == StereoEye.Left ? -0.5f : 0.5f;
        var pose = mono.Pose;
        var lookAt = new System.Numerics.Vector3(rendering.LookAt.X, rendering.LookAt.Y, rendering.LookAt.Z);
        float convergenceDepth = System.Numerics.Vector3.Dot(lookAt - pose.Origin, pose.Forward);
        float offset = side * IpdWorld;
        // The look-at point sits −offset along the eye's right axis at depth Z_c: it would land focal · (−offset) / Z_c
        // pixels off centre, so the principal point moves by the opposite amount.
        return mono with
        {
            Pose = pose with { Origin = pose.Origin + offset * pose.Right },
            PrincipalShiftPixels = mono.FocalPixels * offset / convergenceDepth,
        };
    }
}

/// <summary>Which half of a side-by-side frame: the left eye's picture is the left half.</summary>
public enum StereoEye
{
    Left = 0,
    Right = 1,
}
