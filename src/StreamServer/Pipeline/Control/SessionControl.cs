using PortraitStream.Renderer.Background;
using PortraitStream.Renderer.Styles;
using PortraitStream.Server.Pipeline.Stats;

namespace PortraitStream.Server.Pipeline.Control;

/// <summary>
/// What one session's controllers steer and see: the view, quality, model and pause state their control calls set,
/// and the statistics its pipeline reports. Hub calls write, the pipeline's loops read; every field is safe to read at
/// any time.
/// </summary>
internal sealed partial class SessionControl(PipelineOptions options, TimeProvider time)
{
    private volatile RenderQuality _quality = new(options.DefaultSize, options.DefaultSampler,
        options.DefaultSampler == SamplerQuality.Live ? 0 : options.DefaultSamples);
    private volatile string _model = ModelCatalog.DefaultName;
    private volatile bool _paused;
    // Checked at start-up (PipelineOptions.Validate): a name every session can parse, not a picture.
    private volatile BackgroundChoice _background = BackgroundChoice.Of(BackgroundSetting.Parse(options.DefaultBackground));
    private volatile string? _qualityCap;
    private volatile bool _outputAlpha;
    private volatile RenderStyle _style;

    public ViewController View { get; } = new(options.ViewSmoothing, time);

    public SessionStatistics Statistics { get; } = new(time);

    public RenderQuality Quality
    {
        get => _quality;
        set => _quality = value;
    }

    /// <summary>Name of the model bundle in <see cref="ModelCatalog"/> the session encodes with.</summary>
    public string Model
    {
        get => _model;
        set => _model = value;
    }

    /// <summary>What the rendered view shows where the person is not (<see cref="PipelineOptions.DefaultBackground"/> at first).</summary>
    public BackgroundChoice Background
    {
        get => _background;
        set => _background = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>How the session's renders are drawn (<see cref="RenderStyle.None"/> at first).</summary>
    public RenderStyle Style
    {
        get => _style;
        set => _style = value;
    }

    /// <summary>Why the pipeline renders below <see cref="Quality"/> now (the render scheduler's cap); null when it does not.</summary>
    public string? QualityCap
    {
        get => _qualityCap;
        set => _qualityCap = value;
    }

    /// <summary>
    /// True: each frame carries the render's opacity below its colour (<see cref="Stages.AlphaPackedPicture"/>, for
    /// web/overlay.html), and the remove background leaves it transparent instead of painting the chroma key.
    /// </summary>
    public bool OutputAlpha
    {
        get => _outputAlpha;
        set => _outputAlpha = value;
    }

    /// <summary>While paused the session sends nothing new and skips the encoder and renderer.</summary>
    public bool Paused
    {
        get => _paused;
        set => _paused = value;
    }
}
