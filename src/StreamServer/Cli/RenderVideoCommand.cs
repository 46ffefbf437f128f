using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Imaging;
using PortraitStream.Inference.Onnx;
using PortraitStream.Renderer;
using PortraitStream.Renderer.Background;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Styles;
using PortraitStream.Server.Media.Codecs;
using PortraitStream.Server.Media.Video;
using PortraitStream.Server.Pipeline.Control;
using PortraitStream.Server.Pipeline.Stages;

namespace PortraitStream.Server.Cli;

/// <summary>
/// `render-video --in IN --out OUT.mp4 [--yaw DEG | --orbit]`: the live pipeline's stages (face track + crop, encoder,
/// renderer, no-face pass-through) over every frame of a video file, in order and without dropping any, so the output
/// has the input's frame count and rate, and the input's audio copied through. Decoding and encoding go through ffmpeg
/// (FFMpegCore, raw frame pipes).
/// </summary>
internal static class RenderVideoCommand
{
    /// <summary>As long as the live pipeline keeps the last triplanes when the face is lost.</summary>
    private static readonly TimeSpan KeepTriplanes = TimeSpan.FromSeconds(2);

    private sealed record Arguments(FileInfo Input, FileInfo Output, float Yaw, bool Orbit, RenderQuality Quality, string? Model,
        RendererKind Renderer, BackgroundSetting Background, RenderStyle Style, bool Verbose);

    public static Command Create()
    {
        var input = new Option<FileInfo>("--in") { Description = "Input video (any format ffmpeg reads)", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Output video (H.264; the container follows the extension, e.g. .mp4)", Required = true };
        var yaw = new Option<float>("--yaw") { Description = "Fixed camera yaw in degrees" };
        var orbit = new Option<bool>("--orbit") { Description = "Swing the camera like the live 'orbit' preset instead of a fixed yaw" };
        var size = new Option<int>("--size") { Description = "Side of the square output in pixels (even)", DefaultValueFactory = _ => 256 };
        var quality = new Option<SamplerQuality>("--quality") { Description = "Live: the server's live sampler; Reference: EG3D's stratified + importance sampler", DefaultValueFactory = _ => SamplerQuality.Live };
        var samples = new Option<int?>("--samples") { Description = "Reference sampler: coarse samples per ray, and as many importance samples (default 8)" };
        var model = new Option<string?>("--model") { Description = CliModel.Description };
        var renderer = new Option<RendererKind>("--renderer") { Description = "Vulkan, Cpu or Auto", DefaultValueFactory = _ => RendererKind.Auto };
        var background = BackgroundOption.Create($"H.264 has no alpha: chroma-key green {BackgroundColour.ChromaKey}");
        var style = StyleOption.Create();
        var verbose = new Option<bool>("--verbose") { Description = "Log what the command does (on stderr)" };
        size.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 16 or > 2048 || r.GetValueOrDefault<int>() % 2 != 0) r.AddError("--size must be even and between 16 and 2048"); });
        samples.Validators.Add(r => { if (r.GetValueOrDefault<int?>() is < RenderQuality.MinSamples or > RenderLimits.MaxSamplesPerPass) r.AddError($"--samples must be between {RenderQuality.MinSamples} and {RenderLimits.MaxSamplesPerPass}"); });
        yaw.Validators.Add(r => { if (!float.IsFinite(r.GetValueOrDefault<float>()) || MathF.Abs(r.GetValueOrDefault<float>()) > 180) r.AddError("--yaw must be within ±180"); });

        var command = new Command("render-video", "Render every frame of a video from a new viewpoint") { input, output, yaw, orbit, size, quality, samples, model, renderer, background, style, verbose };
        RenderSampling.RefuseSamplesWithLive(command, quality, samples, SamplerQuality.Live);
        command.SetAction((parsed, cancellationToken) => CommandLineInterface.Guard(() => RunAsync(new Arguments(
            parsed.GetRequiredValue(input), parsed.GetRequiredValue(output), parsed.GetValue(yaw), parsed.GetValue(orbit),
            parsed.GetValue(quality) == SamplerQuality.Live
                ? new RenderQuality(parsed.GetValue(size), SamplerQuality.Live, 0)
                : new RenderQuality(parsed.GetValue(size), SamplerQuality.Reference, parsed.GetValue(samples) ?? 8),
            parsed.GetValue(model), parsed.GetValue(renderer), parsed.GetRequiredValue(background), parsed.GetValue(style), parsed.GetValue(verbose)), cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(Arguments args, CancellationToken cancellationToken)
    {
        var background = await BackgroundOption.LoadAsync(args.Background, args.Quality.Size, cancellationToken).ConfigureAwait(false);
        using var logging = CliLogging.Create(args.Verbose);
        var sessions = new OnnxSessionFactory(logging.CreateLogger<OnnxSessionFactory>());
        using var bundle = CliModel.Load(args.Model, sessions);
        var range = bundle.Rendering.ViewRange;
        var fixedView = new CameraView(args.Yaw, 0);
        range.Require(fixedView, bundle.Manifest.Name);
        using var renderers = new VolumeRendererFactory(args.Renderer, logging.CreateLogger<VolumeRendererFactory>());
        await using var reader = await FfmpegVideoReader.OpenAsync(args.Input.FullName, cancellationToken).ConfigureAwait(false);
        int side = args.Quality.Size;
        await using var writer = FfmpegVideoWriter.Start(args.Output.FullName, side, side, reader.FramesPerSecond,
            reader.HasAudio ? args.Input.FullName : null);
        using var analyser = new FrameAnalyser(sessions);
        using var renderer = new ViewRenderer(renderers.Create());
        using var hold = new TriplaneHold(KeepTriplanes);
        using var picture = I420Frame.Rent(side, side);
        var clock = Stopwatch.StartNew();
        int frames = 0, rendered = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) is { } image)
        {
            var time = TimeSpan.FromSeconds(frames / reader.FramesPerSecond);
            var frame = analyser.Analyse(new CameraFrame(image, time, FrameTimings.Start()), bundle, background.Setting.ShowsRoom);
            try
            {
                var source = hold.Source(frame, time);
                // The orbit swings as the server's preset does, inside the model's views as a session keeps it.
                var view = args.Orbit ? range.Clamp(ViewPresets.Target(ViewPreset.Orbit, CameraView.Front, time, default)) : fixedView;
                renderer.Compose(frame, source, view, args.Quality, background, picture, style: args.Style);
                rendered += source is null ? 0 : 1;
            }
            finally
            {
                if (!hold.Holds(frame))
                {
                    frame.Dispose();
                }
            }

            await writer.WriteAsync(picture, cancellationToken).ConfigureAwait(false);
            frames++;
        }

        if (frames == 0)
        {
            throw new ImageIoException($"{args.Input.FullName}: the video has no frames");
        }

        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{args.Output.FullName}: {frames} frames at {reader.FrameRate} fps, {side}×{side}, {rendered} rendered in 3D, " +
            $"{frames - rendered} passed through (no face); model {bundle.Manifest.Name}, renderer {renderer.Name}, " +
            $"{args.Quality}, background {args.Background}, style {RenderStyleNames.Name(args.Style)}; {clock.Elapsed.TotalMilliseconds / Math.Max(frames, 1):0} ms per frame")).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
