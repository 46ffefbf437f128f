using System.ComponentModel.DataAnnotations;
using PortraitStream.Renderer.Background;
using PortraitStream.Server.Pipeline.Control;

namespace PortraitStream.Server.Pipeline;

/// <summary>
/// The live pipeline's settings, bound from the "Pipeline" configuration section. The number of sessions is
/// <c>WebRtc:MaxSessions</c>: one peer connection is one pipeline, so there is one limit, not two.
/// </summary>
internal sealed class PipelineOptions : IValidatableObject
{
    public const string Section = "Pipeline";

    /// <summary>
    /// Folder of installed model bundles, one sub-folder each (model.json, encoder.onnx, …), offered by SetModel under
    /// the sub-folder's name beside the built-in "relief". Relative to the working directory; need not exist.
    /// </summary>
    public string ModelsDirectory { get; set; } = "models";

    /// <summary>
    /// Folder of the pictures SetBackground offers as <c>image:NAME</c> (jpg, png, webp, bmp directly inside it, by file
    /// name; see <see cref="BackgroundLibrary"/>). Browsers can pick only these: no path from a page is ever read.
    /// Relative to the working directory; need not exist.
    /// </summary>
    public string BackgroundsDirectory { get; set; } = "backgrounds";

    /// <summary>
    /// What a session shows where the person is not until SetBackground changes it: keep (the camera's room, default),
    /// blur, remove (chroma-key green on video, e.g. for OBS) or color:#RRGGBB. Pictures are chosen per session.
    /// </summary>
    public string DefaultBackground { get; set; } = "keep";

    /// <summary>
    /// Side of the rendered square in pixels when a session starts (SetQuality changes it). With the live sampler 256
    /// keeps a 2-core CPU-only machine above 15 frames/s (perf/RESULTS-quality.md); raise it on a GPU.
    /// </summary>
    [Range(128, 512)]
    public int DefaultSize { get; set; } = 256;

    /// <summary>The sampler a session starts with: Live (real-time, deterministic) or Reference (EG3D's).</summary>
    public SamplerQuality DefaultSampler { get; set; } = SamplerQuality.Live;

    /// <summary>Stratified samples per ray, and as many importance samples, when a session starts with the reference sampler.</summary>
    [Range(4, 96)]
    public int DefaultSamples { get; set; } = 8;

    /// <summary>How long the last triplanes keep being rendered once no face is seen, before the camera passes through.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan KeepTriplanes { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Time constant of the view easing (0: views apply at once).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan ViewSmoothing { get; set; } = TimeSpan.FromMilliseconds(150);

    /// <summary>
    /// Frames rendered at once across all sessions. One by default: a single frame already uses every core (CPU
    /// reference) or the device's queue (Vulkan), so more at once only splits the same machine.
    /// </summary>
    [Range(1, 64)]
    public int RenderConcurrency { get; set; } = 1;

    /// <summary>
    /// The frame rate every rendering session is owed. While several sessions render, a session whose quality would
    /// take more than its share of <c>1000 ms / FairFps</c> gets a lower quality (the stats say so).
    /// </summary>
    [Range(1, 120)]
    public int FairFps { get; set; } = 10;

    /// <summary>
    /// A new session is refused when, at the renderer's measured cost, even the lowest quality (128² × 4) would leave
    /// the sessions fewer frames a second than this. Lower than <see cref="FairFps"/>: the cost is measured under
    /// whatever else the machine runs, and refusing is harsher than capping.
    /// </summary>
    [Range(1, 120)]
    public int AdmitFps { get; set; } = 3;

    /// <summary>Control calls (SetView, SetPreset, …) a connection may make per second, sustained; as many in a burst.</summary>
    [Range(1, 1000)]
    public int ControlCallsPerSecond { get; set; } = 30;

    /// <summary>How often stats are pushed to each browser.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan StatsInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!BackgroundSetting.TryParse(DefaultBackground, out var setting, out var problem))
        {
            yield return new ValidationResult($"Pipeline:DefaultBackground: {problem}", [nameof(DefaultBackground)]);
        }
        else if (setting.Mode == BackgroundMode.Image)
        {
            yield return new ValidationResult(
                "Pipeline:DefaultBackground: keep, blur, remove or color:#RRGGBB; pictures are chosen per session (SetBackground image:NAME)",
                [nameof(DefaultBackground)]);
        }
    }
}
