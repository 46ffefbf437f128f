using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Scene;
using PortraitStream.Renderer.Styles;

namespace PortraitStream.Perf;

/// <summary>
/// One model's views of one portrait: the input view's PSNR (dB) and SSIM at yaw 0, and each view's reading;
/// <paramref name="Rendering"/> is the model's camera rig, which sets how far each view turns the head (<see cref="ViewTurn"/>).
/// </summary>
internal sealed record ModelFidelity(string Model, RenderingConfig Rendering, double FrontPsnr, double FrontSsim, IReadOnlyList<(CameraView View, ViewReading Reading)> Views)
{
    /// <summary>Each render style's readings at <see cref="FidelityEvaluation.StyleViews"/> (none unstyled: see <see cref="Views"/>).</summary>
    public IReadOnlyList<(RenderStyle Style, CameraView View, ViewReading Reading)> Styled { get; init; } = [];

    /// <summary>The unstyled views rendered and read again at each of <see cref="FidelityOptions.SpreadSizes"/>.</summary>
    public IReadOnlyList<(int Size, IReadOnlyList<(CameraView View, ViewReading Reading)> Views)> Spread { get; init; } = [];

    /// <summary>With --equal-turn, each turned view's readings at its yaw and around it (<see cref="EqualTurnIdentity"/>).</summary>
    public IReadOnlyList<TurnSweep> TurnSweeps { get; init; } = [];

    /// <summary>With --mirror-turn, the photo against its mirror image and the model's view turned as far (<see cref="Perf.MirrorTurn"/>).</summary>
    public MirrorTurnReading? MirrorTurn { get; init; }

    /// <summary>
    /// The view's pose change from the yaw-0 render less the turn the view gives the head (<see cref="ViewTurn"/>:
    /// 32.3° at yaw 30° with EG3D's rig, not 30°), in degrees, yaw then pitch; positive = turned further than that, in
    /// <c>render --yaw/--pitch</c>'s convention; null when either pose was refused.
    /// </summary>
    public (float Yaw, float Pitch)? PoseError(CameraView view, ViewReading reading) => PoseError(Views, view, reading);

    /// <summary><see cref="PoseError(CameraView, ViewReading)"/> against the yaw-0 reading among <paramref name="views"/> (one output size's).</summary>
    public (float Yaw, float Pitch)? PoseError(IReadOnlyList<(CameraView View, ViewReading Reading)> views, CameraView view, ViewReading reading)
    {
        if (reading.Pose is not { } pose || views.First(v => v.View == CameraView.Front).Reading.Pose is not { } front)
        {
            return null;
        }
        var turn = Turn(view);
        return (pose.YawDegrees - front.YawDegrees - turn.Yaw, pose.PitchDegrees - front.PitchDegrees - turn.Pitch);
    }

    /// <summary>How much further <paramref name="view"/> turns the face than the yaw-0 view (<see cref="ViewTurn"/>), degrees.</summary>
    public (float Yaw, float Pitch) Turn(CameraView view)
    {
        var (turn, front) = (ViewTurn.Of(view, Rendering), ViewTurn.Of(CameraView.Front, Rendering));
        return (turn.YawDegrees - front.YawDegrees, turn.PitchDegrees - front.PitchDegrees);
    }
}

/// <summary>One portrait's results per model; no models when the input had no face.</summary>
internal sealed record PortraitFidelity(string Name, IReadOnlyList<ModelFidelity> Models);

/// <summary>How the run was made, for the report's header.</summary>
internal sealed record FidelityRun(string[] Args, string Provider, string LoadAtStart, string LoadAtEnd, DateTime StartedUtc);
