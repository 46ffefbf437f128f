using System.Globalization;

namespace PortraitStream.Renderer.Camera;

/// <summary>
/// The views a model's field is meant to be seen from (model.json <c>rendering.viewRange</c>): yaw and pitch within ±
/// these many degrees of its default camera. A single-image model has nothing of its own to show past some turn — it
/// never saw the back of the head — and a view beyond shows what it made up there (relief v2 from behind: the face's
/// colours on the back of the head); sessions keep their views inside the range, and the render command refuses one
/// outside it. <see cref="Unlimited"/> for a model that declares none.
/// </summary>
public readonly record struct ViewRange(float MaxYawDegrees, float MaxPitchDegrees)
{
    public const float MaxYawLimit = 180f;

    /// <summary>Every view a camera can take: a model that declares no range.</summary>
    public static ViewRange Unlimited { get; } = new(MaxYawLimit, CameraView.MaxAbsPitchDegrees);

    public bool IsUnlimited => MaxYawDegrees >= MaxYawLimit && MaxPitchDegrees >= CameraView.MaxAbsPitchDegrees;

    public bool Contains(CameraView view) => MathF.Abs(view.YawDegrees) <= MaxYawDegrees && MathF.Abs(view.PitchDegrees) <= MaxPitchDegrees;

    /// <summary><paramref name="view"/> with its yaw and pitch moved to the nearest ones inside the range; roll, zoom and field of view kept.</summary>
    public CameraView Clamp(CameraView view) => view with
    {
        YawDegrees = Math.Clamp(view.YawDegrees, -MaxYawDegrees, MaxYawDegrees),
        PitchDegrees = Math.Clamp(view.PitchDegrees, -MaxPitchDegrees, MaxPitchDegrees),
    };

    /// <summary>Throws an <see cref="ArgumentException"/> naming <paramref name="model"/> and the range when <paramref name="view"/> lies outside it.</summary>
    public void Require(CameraView view, string model)
    {
        if (!Contains(view))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"yaw {view.YawDegrees:0.#}° pitch {view.PitchDegrees:0.#}° is outside the views {model} is meant to be seen from: yaw within ±{MaxYawDegrees:0.#}°, pitch within ±{MaxPitchDegrees:0.#}° (its model.json rendering.viewRange)"));
        }
    }
}
