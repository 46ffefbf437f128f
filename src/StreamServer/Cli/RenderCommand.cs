using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Imaging;
using PortraitStream.Inference.Onnx;
using PortraitStream.Renderer;
using PortraitStream.Renderer.Background;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Styles;
using PortraitStream.Server.Pipeline.Control;

namespace PortraitStream.Server.Cli;

/// <summary>
/// `render --image IN --yaw DEG --pitch DEG … --out OUT.png`: one photo in, the portrait's radiance field rendered from
/// a new viewpoint out — detect, align, encode (the bundle's ONNX encoder), volume-render (Vulkan or CPU); with
/// --stereo, the two eyes' views side by side.
/// </summary>
internal static class RenderCommand
{
    private sealed record Arguments(FileInfo Image, FileInfo Output, CameraView View, int Size, RenderSampling Sampling, string? Model,
        RendererKind Renderer, BackgroundSetting Background, RenderStyle Style, FileInfo? CropOutput, FileInfo? DepthOutput, bool Verbose, StereoRig? Stereo);

    public static Command Create()
    {
        var image = new Option<FileInfo>("--image") { Description = "Input portrait (any format ffmpeg reads)", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the rendered view (PNG)", Required = true };
        var yaw = new Option<float>("--yaw") { Description = "Camera yaw in degrees; positive orbits toward the subject's left (image right)" };
        var pitch = new Option<float>("--pitch") { Description = "Camera pitch in degrees; positive looks from above" };
        var roll = new Option<float>("--roll") { Description = "Camera roll in degrees" };
        var zoom = new Option<float>("--zoom") { Description = "1 = the model's default camera distance, 2 = half as far", DefaultValueFactory = _ => 1f };
        var fov = new Option<float>("--fov") { Description = "Field of view in degrees; 0 keeps the model's" };
        var size = new Option<int?>("--size") { Description = $"Side of the square output image in pixels (default: {RenderSampling.ReferenceSize} for reference, the server's {RenderSampling.LiveSize} for live)" };
        var quality = new Option<SamplerQuality>("--quality") { Description = "Live: the server's live sampler and defaults; Reference: EG3D's stratified + importance sampler", DefaultValueFactory = _ => SamplerQuality.Reference };
        var samples = new Option<int?>("--samples") { Description = "Reference sampler: coarse samples per ray, and as many importance samples (default: the model's, 48 + 48)" };
        var model = new Option<string?>("--model") { Description = CliModel.Description };
        var renderer = new Option<RendererKind>("--renderer") { Description = "Vulkan, Cpu or Auto (Vulkan when a device exists, else CPU)", DefaultValueFactory = _ => RendererKind.Auto };
        var background = BackgroundOption.Create("an RGBA PNG, transparent where the render is");
        var style = StyleOption.Create();
        var cropOutput = new Option<FileInfo?>("--crop-out") { Description = "Also write the aligned face crop the encoder saw (PNG)" };
        var depthOutput = new Option<FileInfo?>("--depth-out") { Description = "Also write the depth map, near = white (PNG)" };
        var verbose = new Option<bool>("--verbose") { Description = "Log what the command does (on stderr)" };
        var stereo = new Option<bool>("--stereo") { Description = "Side-by-side stereo: the left eye's view | the right eye's, each --size square" };
        var ipd = new Option<float?>("--ipd") { Description = $"With --stereo: interpupillary distance in mm ({StereoRig.MinIpdMillimetres}…{StereoRig.MaxIpdMillimetres}, default {StereoRig.DefaultIpdMillimetres}; {StereoRig.DefaultIpdMillimetres} mm shows the head life-size)" };
        ipd.Validators.Add(r => Check(r.GetValueOrDefault<float?>() is not { } mm || new StereoRig(mm).Problem() is null, r, $"--ipd must be between {StereoRig.MinIpdMillimetres} and {StereoRig.MaxIpdMillimetres} mm"));
        size.Validators.Add(r => Check(r.GetValueOrDefault<int?>() is null or (>= 16 and <= RenderLimits.MaxSide), r, $"--size must be between 16 and {RenderLimits.MaxSide}"));
        samples.Validators.Add(r => Check(r.GetValueOrDefault<int?>() is null or (>= 2 and <= RenderLimits.MaxSamplesPerPass), r, $"--samples must be between 2 and {RenderLimits.MaxSamplesPerPass}"));

        var command = new Command("render", "Render a portrait photo from a new viewpoint")
        {
            image, output, yaw, pitch, roll, zoom, fov, size, quality, samples, model, renderer, background, style, cropOutput, depthOutput, verbose, stereo, ipd,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(ipd) is not null && !result.GetValue(stereo))
            {
                result.AddError("--ipd needs --stereo");
            }
        });
        RenderSampling.RefuseSamplesWithLive(command, quality, samples, SamplerQuality.Reference);
        command.SetAction((parsed, cancellationToken) => CommandLineInterface.Guard(() =>
        {
            var view = new CameraView(parsed.GetValue(yaw), parsed.GetValue(pitch), parsed.GetValue(roll), parsed.GetValue(zoom), parsed.GetValue(fov));
            view.Validate();
            var sampling = RenderSampling.For(parsed.GetValue(quality), parsed.GetValue(size), parsed.GetValue(samples));
            return RunAsync(new Arguments(parsed.GetRequiredValue(image), parsed.GetRequiredValue(output), view, sampling.Size,
                sampling, parsed.GetValue(model), parsed.GetValue(renderer), parsed.GetRequiredValue(background), parsed.GetValue(style), parsed.GetValue(cropOutput), parsed.GetValue(depthOutput),
                parsed.GetValue(verbose), parsed.GetValue(stereo) ? new StereoRig(parsed.GetValue(ipd) ?? StereoRig.DefaultIpdMillimetres) : null), cancellationToken);
        }));
        return command;
    }

    private static void Check(bool ok, System.CommandLine.Parsing.OptionResult result, string message)
    {
        if (!ok)
        {
            result.AddError(message);
        }
    }

    private static async Task<int> RunAsync(Arguments args, CancellationToken cancellationToken)
    {
        var photo = await new ImageFiles().ReadAsync(args.Image.FullName, cancellationToken: cancellationToken).ConfigureAwait(false);
        var background = await BackgroundOption.LoadAsync(args.Background, args.Size, cancellationToken).ConfigureAwait(false);
        using var logging = CliLogging.Create(args.Verbose);
        var sessions = new OnnxSessionFactory(logging.CreateLogger<OnnxSessionFactory>());
        using var bundle = CliModel.Load(args.Model, sessions);
        bundle.Rendering.ViewRange.Require(args.View, bundle.Manifest.Name);
        using var renderers = new VolumeRendererFactory(args.Renderer, logging.CreateLogger<VolumeRendererFactory>());

        var clock = Stopwatch.StartNew();
        var aligned = await BundleFaceInput.AlignAsync(photo, args.Image.FullName, sessions, bundle, args.Background.ShowsRoom).ConfigureAwait(false);
        if (aligned is null)
        {
            return ExitCodes.NoFace;
        }
        var detectMs = clock.Elapsed.TotalMilliseconds;

        clock.Restart();
        var triplanes = bundle.Encoder.Encode(aligned);
        var encodeMs = clock.Elapsed.TotalMilliseconds;

        var request = args.Sampling.Apply(new RenderRequest(triplanes, bundle.Decoder, bundle.Rendering, args.View, args.Size, args.Size)) with { Stereo = args.Stereo, Style = args.Style };
        var target = RenderTarget.Allocate(request.TargetWidth, args.Size, withDepth: args.DepthOutput is not null);
        var renderer = renderers.Create();
        try
        {
            clock.Restart();
            renderer.Render(request, target);
        }
        finally
        {
            (renderer as IDisposable)?.Dispose();
        }
        var renderMs = clock.Elapsed.TotalMilliseconds;

        clock.Restart();
        new BackgroundComposer().Compose(target, background, args.View, aligned.FarLayerSource(photo, bundle.Rendering), transparentRemove: true, args.Stereo);
        var backgroundMs = clock.Elapsed.TotalMilliseconds;

        if (args.Background.Mode == BackgroundMode.Remove)
        {
            await ImageFiles.WriteRgbaPngAsync(target.ToStraightRgba(), target.Width, target.Height, args.Output.FullName, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await ImageFiles.WritePngAsync(target.ToRgbImage(), args.Output.FullName, cancellationToken).ConfigureAwait(false);
        }
        if (args.CropOutput is not null)
        {
            await ImageFiles.WritePngAsync(aligned.Crop, args.CropOutput.FullName, cancellationToken).ConfigureAwait(false);
        }
        if (args.DepthOutput is not null)
        {
            await ImageFiles.WritePngAsync(target.DepthToGrayImage(), args.DepthOutput.FullName, cancellationToken).ConfigureAwait(false);
        }

        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{args.Output.FullName}: {target.Width}×{target.Height}{(args.Stereo is { } rig ? $" (stereo side by side, IPD {rig.IpdMillimetres:0.#} mm)" : "")}, yaw {args.View.YawDegrees:0.#}° pitch {args.View.PitchDegrees:0.#}° roll {args.View.RollDegrees:0.#}°, " +
            $"model {bundle.Manifest.Name}{(bundle.Manifest.Trained ? "" : " (untrained/geometric)")}, renderer {renderer.Name}, " +
            $"{RenderSampling.Describe(request)}, background {args.Background}, style {RenderStyleNames.Name(args.Style)}; face score {aligned.Score:0.00}; " +
            $"detect {detectMs:0} ms, encode {encodeMs:0} ms ({sessions.Provider.Name}), render {renderMs:0} ms, background {backgroundMs:0.0} ms")).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
