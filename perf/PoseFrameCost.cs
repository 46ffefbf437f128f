using System.Globalization;
using PortraitStream.Renderer;
using PortraitStream.Renderer.Camera;

namespace PortraitStream.Perf;

/// <summary>
/// `pose-frame-cost [--size N] [--repeat N]`: what a viewer pose's frame costs against a camera frame (issue #15,
/// pose-to-photon), CPU, live sampler, side-by-side stereo of the committed portrait's relief, as the pipeline renders
/// them: camera frames (the field loaded, the occupancy grid built, <see cref="LiveSampling.ForOutput"/>) alternated
/// with pose frames of the same field from a view moved as a swaying head moves it between two frames
/// (<see cref="RenderRequest.SameFieldAsPreviousFrame"/>, <see cref="LiveSampling.ForPoseFrame"/>). Prints the
/// process CPU time of each (work, not wall time: compare within one run), the part of a camera frame done before the
/// pipeline reads the viewer's pose (<see cref="CpuVolumeRenderer.PrepareField"/>: the field loaded, the grid built;
/// pose-to-photon no longer counts it) and the pose frame's PSNR against the full frame at its view (a second renderer
/// following the same views), which must stay ≥ 40 dB.
/// </summary>
internal static class PoseFrameCost
{
    public static int Run(string[] args)
    {
        int size = 256, repeat = 9;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--size" when i + 1 < args.Length: size = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--repeat" when i + 1 < args.Length: repeat = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default: Console.Error.WriteLine($"pose-frame-cost: unknown option '{args[i]}' (--size N, --repeat N)"); return 2;
            }
        }
        var camera = PortraitScene.Request(size, new CameraView(10f, 5f))
            with { Live = LiveSampling.ForOutput(size), FollowsPreviousFrame = true, Stereo = StereoRig.Default };
        var pose = camera with { Live = LiveSampling.ForPoseFrame(size), SameFieldAsPreviousFrame = true };
        var renderer = new CpuVolumeRenderer();
        var reference = new CpuVolumeRenderer();
        var picture = RenderTarget.Allocate(camera.TargetWidth, size);
        var full = RenderTarget.Allocate(camera.TargetWidth, size);
        renderer.Render(camera, picture);
        reference.Render(camera, full);
        var cameraMs = new List<double>();
        var poseMs = new List<double>();
        var prepareMs = new List<double>();
        var psnr = new List<double>();
        for (int i = 0; i < repeat; i++)
        {
            var view = new CameraView(10f + (i % 2 == 0 ? 2f : 0f), 5f + i % 3);
            var moved = view with { YawDegrees = view.YawDegrees + 1.5f, PitchDegrees = view.PitchDegrees - 0.5f };
            // As the pipeline renders a camera frame: the field first, then the view (read then) on it.
            var prepare = CpuClock.Measure(() => renderer.PrepareField(camera)).CpuMs;
            prepareMs.Add(prepare);
            cameraMs.Add(prepare + CpuClock.Measure(() => renderer.Render(camera with { View = view, SameFieldAsPreviousFrame = true }, picture)).CpuMs);
            reference.Render(camera with { View = view }, full);
            poseMs.Add(CpuClock.Measure(() => renderer.Render(pose with { View = moved }, picture)).CpuMs);
            reference.Render(camera with { View = moved }, full);
            psnr.Add(BytePsnr.Of(picture.Rgba, full.Rgba));
        }
        double cameraMedian = Median.Of(cameraMs), poseMedian = Median.Of(poseMs);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Relief portrait, live sampler, stereo 2 × {size}², CPU, {Environment.ProcessorCount} cores, process CPU time, {repeat} frames each, load {File.ReadAllText("/proc/loadavg").Trim()}"));
        Console.WriteLine("| frame | CPU time / frame (median, min) |");
        Console.WriteLine("|---|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| camera frame | {cameraMedian:0.0} ms, {cameraMs.Min():0.0} ms |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| camera frame's field and grid, before the pose is read | {Median.Of(prepareMs):0.0} ms, {prepareMs.Min():0.0} ms |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| pose frame | {poseMedian:0.0} ms, {poseMs.Min():0.0} ms |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Pose frame / camera frame: {poseMedian / cameraMedian:0.00}×; before the pose is read: {Median.Of(prepareMs) / cameraMedian:0.00}×; PSNR against the full frame at its view: {psnr.Min():0.0}–{psnr.Max():0.0} dB (≥ 40 required)"));
        return 0;
    }
}
