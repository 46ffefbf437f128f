using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using PortraitStream.Inference.Bundles;
using PortraitStream.Renderer.Background;
using PortraitStream.Renderer.Styles;
using PortraitStream.Server.Media.Sessions;
using PortraitStream.Server.Pipeline;
using PortraitStream.Server.Pipeline.Control;
using PortraitStream.Server.WebRtc.Session;
using PortraitStream.Server.WebRtc.Signalling;

namespace PortraitStream.Server.Signalling;

/// <summary>
/// The one hub, at <c>/hub</c>: signalling (the browser sends its complete offer — we are ICE-lite and need none of its
/// candidates — and gets the answer) and the session's controls, which steer the caller's own session or the one it
/// attached to (<see cref="Attach"/>). Thin: each call is rate-limited, validated, and delegated; a refused call comes
/// back as a HubException saying why and leaves the session as it was.
/// </summary>
internal sealed partial class StreamHub(MediaSessionTable sessions, OfferRateLimiter offers, SessionRegistry records, SessionListing listing, ModelCatalog models,
    BackgroundLibrary backgrounds, ClientPushes pushes, IOptions<PipelineOptions> options, TimeProvider time, ILogger<StreamHub> logger)
    : Hub<IStreamClient>
{
    /// <summary>Answers <paramref name="sdp"/>; a refused offer comes back as a HubException saying why.</summary>
    public async Task<string> Offer(string? sdp)
    {
        // Each offer binds a UDP port and starts DTLS: a connection looping on Offer is held to its own budget.
        if (!offers.TryAcquire(Context.ConnectionId))
        {
            throw new HubException("Too many offers from this connection; wait a minute.");
        }

        try
        {
            var answer = await sessions.OpenAsync(Context.ConnectionId, ClientKey.Of(Context), sdp).ConfigureAwait(false);
            // The opener follows its session: its stats, and an end it did not ask for. Gone already if it ended at once.
            records.Find(Context.ConnectionId)?.Watch(new HubWatcher(Context.ConnectionId, pushes, ownsSession: true));
            return answer;
        }
        catch (OfferRejectedException e)
        {
            throw new HubException($"Offer rejected ({e.Rejection.Reason}): {e.Message}");
        }
        catch (InvalidOperationException e)
        {
            throw new HubException(e.Message);
        }
    }

    /// <summary>Ends the caller's peer connection.</summary>
    public Task Close() => sessions.CloseAsync(Context.ConnectionId);

    /// <summary>Steers the camera (degrees; zoom 1 = the model's distance; fov ≤ 0 = the model's); eased server-side.</summary>
    public void SetView(double yaw, double pitch, double roll, double zoom, double fov) =>
        Control(c => c.View.SetView(ControlLimits.View(yaw, pitch, roll, zoom, fov)));

    /// <summary>One of <see cref="ViewPresets.Names"/>.</summary>
    public void SetPreset(string? name) => Control(c => c.View.SetPreset(ViewPresets.TryParse(name, out var preset)
        ? preset
        : throw new ArgumentException(string.IsNullOrEmpty(name)
            ? $"SetPreset: a preset name is required; presets: {string.Join(", ", ViewPresets.Names)}"
            : $"unknown preset \"{ClientText.Printable(name)}\"; presets: {string.Join(", ", ViewPresets.Names)}")));

    /// <summary>
    /// Output size (one of <see cref="RenderQuality.Sizes"/>), sampler ("live" or "reference") and, for the reference
    /// sampler, samples per ray (0 for live).
    /// </summary>
    public void SetQuality(int size, string sampler, int samples) => Control(c =>
    {
        var quality = RenderQuality.TryParseSampler(sampler, out var kind)
            ? new RenderQuality(size, kind, samples)
            : throw new ArgumentException($"unknown sampler \"{ClientText.Printable(sampler)}\"; samplers: {string.Join(", ", RenderQuality.SamplerNames)}");
        c.Quality = quality.Problem() is { } problem ? throw new ArgumentException(problem) : quality;
    });

    /// <summary>Switches to an installed model bundle (loaded on first use, then shared).</summary>
    public async Task SetModel(string? name)
    {
        var control = Admit();
        if (string.IsNullOrEmpty(name))
        {
            throw Refuse($"SetModel: a model name is required; installed: {string.Join(", ", models.Names())}");
        }

        try
        {
            await Task.Run(() => models.Get(name)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ArgumentException or ModelBundleException)
        {
            throw Refuse($"SetModel: {e.Message}");
        }

        control.Model = name;
    }

    /// <summary>The model names <see cref="SetModel"/> accepts.</summary>
    public IReadOnlyList<string> Models()
    {
        Admit(); // it reads the models folder: rate-limited like the other calls
        return models.Names();
    }

    /// <summary>
    /// What the view shows where the person is not: <c>keep</c>, <c>blur</c>, <c>remove</c> (chroma-key green on the
    /// video), <c>color:#RRGGBB</c>, or <c>image:NAME</c> with NAME one of <see cref="Backgrounds"/> — a picture in the
    /// server's backgrounds folder, never a path (<see cref="BackgroundLibrary"/>).
    /// </summary>
    public async Task SetBackground(string? background)
    {
        var control = Admit();
        if (!BackgroundSetting.TryParse(background, out var setting, out var problem, ClientText.Printable))
        {
            throw Refuse($"SetBackground: {problem}");
        }

        try
        {
            control.Background = await backgrounds.ResolveAsync(setting).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            throw Refuse($"SetBackground: {e.Message}");
        }
    }

    /// <summary>The picture names <see cref="SetBackground"/> accepts as <c>image:NAME</c>.</summary>
    public IReadOnlyList<string> Backgrounds()
    {
        Admit(); // it reads the backgrounds folder: rate-limited like the other calls
        return backgrounds.Names();
    }

    /// <summary>
    /// On: each frame packs the render's opacity below its colour (layout in docs/architecture.md; web/overlay.html
    /// composites it), and <c>remove</c> then means transparent rather than chroma-key green. Off: plain frames.
    /// </summary>
    public void SetOutputAlpha(bool on) => Control(c => c.OutputAlpha = on);

    /// <summary>How the view is drawn: one of <see cref="Styles"/> (none, toon, outline, hologram, sketch).</summary>
    public void SetStyle(string? name) => Control(c => c.Style = RenderStyleNames.TryParse(name, out var style)
        ? style
        : throw new ArgumentException(string.IsNullOrEmpty(name)
            ? $"SetStyle: a style name is required; styles: {string.Join(", ", RenderStyleNames.Names)}"
            : $"SetStyle: unknown style \"{ClientText.Printable(name)}\"; styles: {string.Join(", ", RenderStyleNames.Names)}"));

    /// <summary>The style names <see cref="SetStyle"/> accepts.</summary>
    public IReadOnlyList<string> Styles()
    {
        Admit(); // rate-limited like the other calls
        return RenderStyleNames.Names;
    }

    /// <summary>Stops rendering and sending new frames until <see cref="Resume"/>.</summary>
    public void Pause() => Control(c => c.Paused = true);

    public void Resume() => Control(c => c.Paused = false);

    /// <inheritdoc/>
    public override Task OnConnectedAsync()
    {
        var rate = options.Value.ControlCallsPerSecond;
        HubConnectionState.Set(Context, new HubConnectionState(new TokenBucket(rate, rate, time)));
        return base.OnConnectedAsync();
    }

    /// <inheritdoc/>
    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        StopFollowing(HubConnectionState.Of(Context));
        await sessions.CloseAsync(Context.ConnectionId).ConfigureAwait(false);
        records.ForgetUnbound(Context.ConnectionId);
        pushes.Forget(Context.ConnectionId);
        await base.OnDisconnectedAsync(exception).ConfigureAwait(false);
    }

    /// <summary>The controls the caller steers, once its call is admitted.</summary>
    private SessionControl Admit() => Steered(AdmitCall());

    /// <summary>The controls <paramref name="state"/>'s connection steers: the attached session's, else its own.</summary>
    private SessionControl Steered(HubConnectionState state)
    {
        if (state.Attached is not { Record: var attached })
        {
            return records.ForConnection(Context.ConnectionId).Control;
        }

        if (attached.EndReason is { } reason)
        {
            state.Attached = null;
            throw new HubException($"Session {ClientText.Printable(attached.Id)} has ended ({reason}); attach to another");
        }

        return attached.Control;
    }

    /// <summary>The caller's connection state, once the call is within its rate limit.</summary>
    private HubConnectionState AdmitCall()
    {
        var state = HubConnectionState.Of(Context);
        // Not logged: a flood would turn into a flood of log lines.
        return state.Calls.TryTake() ? state : throw new HubException("Rate limit: too many control calls; slow down");
    }

    private void Control(Action<SessionControl> apply)
    {
        var control = Admit();
        try
        {
            apply(control);
        }
        catch (ArgumentException e)
        {
            throw Refuse(e.Message);
        }
    }

    private HubException Refuse(string reason)
    {
        PipelineLog.ControlRefused(logger, Context.ConnectionId, reason);
        return new HubException(reason);
    }
}
