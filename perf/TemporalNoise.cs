using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Faces.Mesh;
using PortraitStream.Inference.Imaging;
using PortraitStream.Inference.Onnx;
using PortraitStream.Inference.Relief;
using PortraitStream.Renderer;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Perf;

/// <summary>
/// `temporal-noise [--frames N] [--sigma S] [--yaw DEG] [--motion PX] [--portrait FILE]`: how much a still face
/// shimmers in the rendered view under camera noise (and, with --motion, that a moving one is not smeared by the
/// averaging: the picture slides PX pixels a frame, and the noise-free render is made of the same slid frames). The portrait, each frame with fresh Gaussian noise of σ = S levels (a webcam in
/// an ordinary room: 2–5), goes through the live path — the tracker (BlazeFace, face mesh, the crop), the matte, the
/// default model's encoder, the CPU renderer's live sampler at 256² — once with the tracker's crop denoiser
/// (<see cref="CropDenoiser"/>) and once without, frame by frame alternately. Reports over the face region (the
/// central half): the mean PSNR between consecutive renders (the shimmer) and against the render of the noise-free
/// portrait (how far the noise moves the picture), after a warm-up of 5 frames.
/// </summary>
internal static class TemporalNoise
{
    private const int Size = 256;
    private const int WarmUp = 5;

    public static int Run(string[] args)
    {
        int frames = 40;
        float sigma = 4f, yaw = 0f;
        int motion = 0;
        var portraitPath = PortraitScene.CommittedPortrait;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--frames" when i + 1 < args.Length: frames = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--sigma" when i + 1 < args.Length: sigma = float.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--yaw" when i + 1 < args.Length: yaw = float.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--motion" when i + 1 < args.Length: motion = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--portrait" when i + 1 < args.Length: portraitPath = args[++i]; break;
                default: Console.Error.WriteLine($"temporal-noise: unknown option '{args[i]}' (--frames N, --sigma S, --yaw DEG, --motion PX, --portrait FILE)"); return 2;
            }
        }
        if (frames <= WarmUp + 1)
        {
            Console.Error.WriteLine($"temporal-noise: --frames must be above {WarmUp + 1}");
            return 2;
        }
        var sessions = new OnnxSessionFactory(NullLogger<OnnxSessionFactory>.Instance);
        using var bundle = BuiltInBundles.Load(BuiltInBundles.DefaultName, sessions);
        using var detector = new BlazeFaceDetector(sessions);
        using var mesh = new FaceMeshPose(sessions);
        using var inputs = new EncoderInputs(sessions);
        var portrait = new ImageFiles().ReadAsync(portraitPath).GetAwaiter().GetResult();
        var options = FaceTrackerOptions.Default with { CropSize = bundle.Encoder.InputSize, Framing = bundle.Manifest.Encoder.Framing };
        var view = new CameraView(yaw, 0f);
        var renderer = new CpuVolumeRenderer();
        var region = new PixelRegion(Size / 4, Size / 4, Size / 2, Size / 2);

        AlignedFace Track(FaceTracker tracker, RgbImage frame, int index) =>
            tracker.Track(frame, TimeSpan.FromSeconds(index / 30.0)).Face ?? throw new InvalidOperationException("temporal-noise: the tracker lost the face");
        RgbImage Render(FaceTracker tracker, RgbImage frame, int index)
        {
            var face = inputs.Complete(Track(tracker, frame, index), frame, bundle.Encoder);
            var request = new RenderRequest(bundle.Encoder.Encode(face), bundle.Decoder, bundle.Rendering, view, Size, Size)
            {
                Live = LiveSampling.ForOutput(Size),
            };
            var target = RenderTarget.Allocate(Size, Size);
            renderer.Render(request, target);
            return target.ToRgbImage();
        }

        // The noise-free frames' renders; a still portrait's only once, tracked until its crop has settled.
        var cleanTracker = new FaceTracker(detector, options with { DenoiseCrop = false }, mesh);
        var clean = new RgbImage[frames];
        for (int i = 0; i < frames; i++)
        {
            if (motion == 0 && i < frames - 1)
            {
                Track(cleanTracker, portrait, i);
                continue;
            }
            clean[i] = Render(cleanTracker, Slid(portrait, i * motion), i);
        }
        if (motion == 0)
        {
            Array.Fill(clean, clean[^1]);
        }
        var trackers = new[] { new FaceTracker(detector, options, mesh), new FaceTracker(detector, options with { DenoiseCrop = false }, mesh) };
        var previous = new RgbImage?[2];
        var shimmer = new List<double>[] { [], [] };
        var drift = new List<double>[] { [], [] };
        var random = new Random(1);
        for (int i = 0; i < frames; i++)
        {
            var noisy = WithNoise(Slid(portrait, i * motion), sigma, random);
            for (int t = 0; t < trackers.Length; t++)
            {
                var picture = Render(trackers[t], noisy, i);
                if (i >= WarmUp)
                {
                    shimmer[t].Add(ImageQuality.Psnr(picture, previous[t]!, region));
                    drift[t].Add(ImageQuality.Psnr(picture, clean[i], region));
                }
                previous[t] = picture;
            }
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"temporal-noise: {Path.GetFileName(portraitPath)}, σ {sigma} levels, yaw {yaw}°, sliding {motion} px a frame, {frames - WarmUp} frames after {WarmUp}, live 256², face region; load {LoadRun.LoadAverage(", ")}"));
        Console.WriteLine("| crop | consecutive renders (mean PSNR) | against the noise-free portrait's render |");
        Console.WriteLine("|---|---:|---:|");
        string[] names = ["denoised (default)", "as the camera gave it"];
        for (int t = 0; t < trackers.Length; t++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {names[t]} | {shimmer[t].Average():F2} dB | {drift[t].Average():F2} dB |"));
        }
        return 0;
    }

    /// <summary><paramref name="image"/> moved <paramref name="pixels"/> to the right, its left column repeated into the gap.</summary>
    private static RgbImage Slid(RgbImage image, int pixels)
    {
        var slid = new RgbImage(image.Width, image.Height);
        const int bytes = RgbImage.BytesPerPixel;
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                var from = (y * image.Width + Math.Clamp(x - pixels, 0, image.Width - 1)) * bytes;
                image.Pixels.AsSpan(from, bytes).CopyTo(slid.Pixels.AsSpan((y * image.Width + x) * bytes, bytes));
            }
        }
        return slid;
    }

    /// <summary><paramref name="image"/> with independent Gaussian noise of σ = <paramref name="sigma"/> levels on every byte.</summary>
    private static RgbImage WithNoise(RgbImage image, float sigma, Random random)
    {
        var pixels = new byte[image.Pixels.Length];
        for (int i = 0; i < pixels.Length; i++)
        {
            // Box–Muller.
            double u = 1.0 - random.NextDouble(), v = random.NextDouble();
            double gaussian = Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
            pixels[i] = (byte)Math.Clamp(Math.Round(image.Pixels[i] + sigma * gaussian), 0, 255);
        }
        return new RgbImage(image.Width, image.Height, pixels);
    }
}
