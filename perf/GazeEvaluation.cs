using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Imaging;
using PortraitStream.Inference.Onnx;
using PortraitStream.Inference.Relief.V2;
using PortraitStream.Renderer;
using PortraitStream.Renderer.Background;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Imaging;
using PortraitStream.Renderer.Scene;
using PortraitStream.Server.Pipeline.Control;
using PortraitStream.Server.Pipeline.Stages;

namespace PortraitStream.Perf;

/// <summary>
/// `gaze [--size N] [--frames N] [--photos FILE,…]`: issue #12's "gaze on real faces". Turned faces with known truth —
/// the committed portraits through relief v2, rendered by EG3D's sampler (48 + 48) at yaw −25…25° and pitch ±10° over
/// the kept background — and any photographs given (truth unknown) are each read three ways: BlazeFace's keypoint
/// estimate (<see cref="HeadPose"/>), the face mesh's rigid fit on the single still (<see cref="FaceProbe"/>), and the
/// live path — a fresh <see cref="FrameAnalyser"/>, the server's own tracker and encoder, fed the still as a camera
/// at 30 fps for --frames frames. Then the Gaze preset's view for the tracked head (<see cref="ViewPresets.Target"/>) is
/// rendered from the triplanes the analyser encoded, and the mesh reads the output's head pose: a gaze-corrected view
/// faces the camera. Prints a Markdown table.
/// </summary>
internal static class GazeEvaluation
{
    public static readonly CameraView[] Turns =
        [new(-25, 0), new(-15, 0), new(0, 0), new(15, 0), new(25, 0), new(0, 10), new(0, -10)];

    private static readonly SampleCounts ReferenceSamples = new(48, 48);

    public static async Task<int> RunAsync(string[] args)
    {
        int size = 256, frames = 10;
        var photos = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            try
            {
                switch (args[i])
                {
                    case "--size": size = Whole(Value(), "--size", 64, 1024); break;
                    case "--frames": frames = Whole(Value(), "--frames", 1, 300); break;
                    case "--photos": photos.AddRange(Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)); break;
                    default: throw new ArgumentException($"unknown option '{args[i]}' (options: --size N, --frames N, --photos FILE,…)");
                }
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync($"gaze: {e.Message}");
                return 2;
            }
        }
        try
        {
            var started = DateTime.UtcNow;
            var load = LoadRun.LoadAverage(", ");
            var sessions = new OnnxSessionFactory(NullLogger<OnnxSessionFactory>.Instance);
            using var bundle = ModelBundle.Load(ReliefV2Bundle.Default, sessions);
            using var probe = new FaceProbe(sessions);
            var gaze = new GazeRun(sessions, bundle, probe, size, frames);
            var rows = new List<GazeRow>();
            foreach (var name in new[] { "portrait.png", "grace-hopper.jpg" })
            {
                var photo = await new ImageFiles().ReadAsync(Path.Combine(AppContext.BaseDirectory, "data", name));
                var face = probe.FindFace(photo) ?? throw new InvalidOperationException($"{name}: no face found");
                var aligned = PortraitScene.AlignForBundle(photo, face, bundle);
                var planes = bundle.Encoder.Encode(aligned);
                foreach (var turn in Turns)
                {
                    var input = gaze.Render(planes, aligned.FarLayerSource(photo, bundle.Rendering), turn);
                    rows.Add(gaze.Measure(string.Create(CultureInfo.InvariantCulture, $"{name} turned yaw {turn.YawDegrees:+0;-0;0}° pitch {turn.PitchDegrees:+0;-0;0}°"), turn, input));
                    await Console.Error.WriteLineAsync($"gaze: {rows[^1].Input} done");
                }
            }
            foreach (var path in photos)
            {
                rows.Add(gaze.Measure(Path.GetFileName(path), null, await new ImageFiles().ReadAsync(path)));
                await Console.Error.WriteLineAsync($"gaze: {rows[^1].Input} done");
            }
            Console.WriteLine(Report(rows, bundle.Rendering, args, size, frames, sessions.Provider.Name, load, LoadRun.LoadAverage(", "), started));
            return 0;
        }
        catch (Exception e) when (e is ImageIoException or ModelBundleException or ModelLoadException or IOException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"gaze: {e.Message}");
            return 1;
        }
    }

    private static int Whole(string text, string option, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value : throw new ArgumentException($"{option} '{text}' is not a whole number from {min} to {max}");

    private static string Report(List<GazeRow> rows, RenderingConfig rendering, string[] args, int size, int frames, string provider, string loadStart, string loadEnd, DateTime started)
    {
        var md = new StringBuilder();
        md.AppendLine(Invariant($"**Command**: `dotnet run -c Release --project perf -- gaze{string.Concat(args.Select(a => " " + a))}`; ONNX Runtime {provider}; {started:yyyy-MM-dd HH:mm} UTC; load average {loadStart} at the start, {loadEnd} at the end (nothing timed)."));
        md.AppendLine();
        md.AppendLine(Invariant($"Yaw / pitch in degrees, `render --yaw/--pitch`'s convention. *truth*: the turn the input's camera gave the face (`ViewTurn`: the camera orbits the origin and looks at the face 0.2 in front of it, so yaw ±25° turns it ±26.9°, relative to the photo's own pose, which the yaw-0 row reads); *keypoints*: BlazeFace's keypoint estimate on the still; *still*: the face mesh's rigid fit on the single still; *tracker*: the live path (`FrameAnalyser`) after {frames} frames of the still at 30 fps; *Gaze view*: the camera the Gaze preset turns to for the tracked head; *output*: the mesh's reading of relief v2's render at that view ({size}², 48 + 48). — where a face or mesh was not found or not trusted."));
        md.AppendLine();
        md.AppendLine("| input | truth | keypoints | still (mesh fit) | tracker | tracker − still | Gaze view | output reads |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            var difference = row.Tracked - row.Still;
            md.AppendLine(Invariant($"| {row.Input} | {Angles(row.Truth is { } v ? FaceTurn(v, rendering) : null, "unknown")} | {Angles(row.Keypoints)} | {Angles(row.Still)} | {Angles(row.Tracked)} | {Angles(difference)} | {Angles(row.GazeView is { } g ? new HeadAngles(g.YawDegrees, g.PitchDegrees) : null)} | {Angles(row.Output)} |"));
        }
        return md.ToString();
    }

    private static string Angles(HeadAngles? angles, string missing = "—") =>
        angles is { } a ? Invariant($"{a.YawDegrees:+0.0;−0.0;0.0} / {a.PitchDegrees:+0.0;−0.0;0.0}") : missing;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>One input's readings; null where there was no face or the mesh was refused.</summary>
    private static HeadAngles FaceTurn(CameraView view, RenderingConfig rendering)
    {
        var (yaw, pitch) = ViewTurn.Of(view, rendering);
        return new HeadAngles(yaw, pitch);
    }

    private sealed record GazeRow(string Input, CameraView? Truth, HeadAngles? Keypoints, HeadAngles? Still, HeadAngles? Tracked, CameraView? GazeView, HeadAngles? Output);

    /// <summary>The renderer, networks and bundle the rows share (one thread).</summary>
    private sealed class GazeRun(OnnxSessionFactory sessions, ModelBundle bundle, FaceProbe probe, int size, int frames)
    {
        private readonly CpuVolumeRenderer _renderer = new();
        private readonly BackgroundComposer _background = new();

        /// <summary>relief v2's view of <paramref name="planes"/> from <paramref name="view"/> over the kept background, as `render` draws it.</summary>
        public RgbImage Render(Triplanes planes, FarLayerSource farLayer, CameraView view) => KeptBackgroundView.Render(_renderer, _background,
            new RenderRequest(planes, bundle.Decoder, bundle.Rendering, view, size, size) { Samples = ReferenceSamples }, farLayer);

        public GazeRow Measure(string name, CameraView? truth, RgbImage input)
        {
            var face = probe.FindFace(input);
            if (face is null)
            {
                return new GazeRow(name + " (no face found)", truth, null, null, null, null, null);
            }
            var keypoints = FaceAligner.Align(input, face, size, FaceFraming.Default).Head;
            var still = probe.Pose(input, face);
            using var analyser = new FrameAnalyser(sessions);
            AnalysedFrame? last = null;
            for (var i = 0; i < frames; i++)
            {
                last?.Dispose();
                last = analyser.Analyse(new CameraFrame(input, TimeSpan.FromSeconds(i / 30.0), FrameTimings.Start()), bundle);
            }
            using var analysed = last!;
            if (analysed.Triplanes is null || analysed.Aligned is null)
            {
                return new GazeRow(name, truth, keypoints, still, null, null, null);
            }
            var view = ViewPresets.Target(ViewPreset.Gaze, CameraView.Front, TimeSpan.Zero, analysed.Head);
            var output = Render(analysed.Triplanes.Triplanes, analysed.Aligned.FarLayerSource(input, bundle.Rendering), view);
            var outputFace = probe.FindFace(output);
            var outputPose = outputFace is null ? null : probe.Pose(output, outputFace);
            return new GazeRow(name, truth, keypoints, still, analysed.Head, view, outputPose);
        }
    }
}
