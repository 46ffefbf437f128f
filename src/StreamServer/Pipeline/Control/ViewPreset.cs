using PortraitStream.Inference.Faces;
using PortraitStream.Renderer.Camera;

namespace PortraitStream.Server.Pipeline.Control;

// Public, unlike the rest of the server: test theories take it as a parameter, and xunit runs public methods only.
/// <summary>
/// The named views of <c>SetPreset</c>. Front and three-quarter are fixed views; gaze and orbit move with time or with
/// the tracked head, so <see cref="Target"/> is asked again every frame.
/// </summary>
public enum ViewPreset
{
    /// <summary>The model's default camera, in front of the face.</summary>
    Front,

    /// <summary>
    /// A re-centred frontal view for video calls: the camera follows the measured head yaw and pitch (clamped to
    /// ±<see cref="ViewPresets.MaxGazeYawDegrees"/> and ±<see cref="ViewPresets.MaxGazePitchDegrees"/>), so a head turned
    /// aside, or seen from a webcam below or above the screen, is seen, and looks, frontally.
    /// </summary>
    Gaze,

    /// <summary>A fixed view from 30° to the side and 5° above.</summary>
    ThreeQuarter,

    /// <summary>
    /// A slow turntable: yaw swings ±<see cref="ViewPresets.OrbitAmplitudeDegrees"/> with a period of
    /// <see cref="ViewPresets.OrbitPeriod"/>. Not a full turn: a single-image model has nothing behind the head.
    /// </summary>
    Orbit,
}

/// <summary>Names and target views of the presets.</summary>
internal static class ViewPresets
{
    public const float MaxGazeYawDegrees = 35f;

    /// <summary>
    /// A laptop webcam sits 10–20° below the line to the screen's centre; beyond 20° the relief encoder's single-view
    /// geometry shows more of what the real camera never saw than it corrects.
    /// </summary>
    public const float MaxGazePitchDegrees = 20f;

    public const float OrbitAmplitudeDegrees = 35f;
    public static readonly TimeSpan OrbitPeriod = TimeSpan.FromSeconds(10);

    /// <summary>The wire names, as SetPreset takes them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["front", "gaze", "three-quarter", "orbit"];

    /// <summary>Parses a wire name (exactly as listed in <see cref="Names"/>).</summary>
    public static bool TryParse(string? name, out ViewPreset preset)
    {
        preset = name switch
        {
            "front" => ViewPreset.Front,
            "gaze" => ViewPreset.Gaze,
            "three-quarter" => ViewPreset.ThreeQuarter,
            "orbit" => ViewPreset.Orbit,
            _ => (ViewPreset)(-1),
        };
        return Enum.IsDefined(preset);
    }

    /// <summary>
    /// Where <paramref name="preset"/> wants the camera at <paramref name="time"/> (since the preset was chosen) with the
    /// head angles last measured; zoom and field of view are kept from <paramref name="basis"/>.
    /// </summary>
    public static CameraView Target(ViewPreset preset, CameraView basis, TimeSpan time, HeadAngles head) => preset switch
    {
        ViewPreset.Front => basis with { YawDegrees = 0, PitchDegrees = 0, RollDegrees = 0 },
        ViewPreset.ThreeQuarter => basis with { YawDegrees = 30, PitchDegrees = 5, RollDegrees = 0 },
        ViewPreset.Gaze => basis with
        {
            // HeadAngles is the camera that would see a frontal head like this one: the eye-to-eye view is opposite.
            YawDegrees = Clamp(-head.YawDegrees, MaxGazeYawDegrees),
            PitchDegrees = Clamp(-head.PitchDegrees, MaxGazePitchDegrees),
            RollDegrees = 0,
        },
        ViewPreset.Orbit => basis with
        {
            YawDegrees = OrbitAmplitudeDegrees * MathF.Sin((float)(2 * Math.PI * time.TotalSeconds / OrbitPeriod.TotalSeconds)),
            PitchDegrees = 0,
            RollDegrees = 0,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(preset)),
    };

    /// <summary>A measured angle within ±<paramref name="limit"/>; a non-finite one counts as frontal.</summary>
    private static float Clamp(float degrees, float limit) => Math.Clamp(float.IsFinite(degrees) ? degrees : 0, -limit, limit);
}
