using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Imaging;
using PortraitStream.Inference.Onnx;
using PortraitStream.Inference.Relief;
using PortraitStream.Renderer.Background;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Perf;

/// <summary>
/// Keep's hole fill as a picture, to look at rather than measure: for each portrait (default: the committed ones),
/// relief-v2's aligned crop and matte through the far layer the server builds, written as NAME-crop.png (the crop
/// as cut), NAME-matte.png (its person matte, person white), NAME-fill.png (its hole filled) and NAME-surround.png (the room around the crop at a third of its scale,
/// filled). `dotnet perf/bin/Release/net10.0/Perf.dll hole-fill --images DIR [--portraits a.jpg,b.png]`. Also prints
/// the mean build time over a few builds: a rough figure (BackgroundBenchmarks measures it properly).
/// </summary>
internal static class HoleFillImages
{
    private const int Builds = 10;

    public static async Task<int> RunAsync(string[] args)
    {
        string? images = null;
        var portraits = string.Join(',', PortraitScene.CommittedPortrait, Path.Combine(AppContext.BaseDirectory, "data", "grace-hopper.jpg"));
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--images" when i + 1 < args.Length: images = args[++i]; break;
                case "--portraits" when i + 1 < args.Length: portraits = args[++i]; break;
                default:
                    await Console.Error.WriteLineAsync($"hole-fill: unknown or incomplete option '{args[i]}' (--images DIR [--portraits a,b])");
                    return 2;
            }
        }
        if (images is null)
        {
            await Console.Error.WriteLineAsync("hole-fill: --images DIR is required");
            return 2;
        }
        Directory.CreateDirectory(images);
        var sessions = new OnnxSessionFactory(NullLogger<OnnxSessionFactory>.Instance);
        using var bundle = BuiltInBundles.Load("relief-v2", sessions);
        using var detector = new BlazeFaceDetector(sessions);
        foreach (var path in portraits.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var picture = await new ImageFiles().ReadAsync(path);
            var face = detector.Detect(picture).OrderByDescending(f => f.Score).FirstOrDefault();
            if (face is null)
            {
                await Console.Error.WriteLineAsync($"hole-fill: {path}: no face found");
                return 1;
            }
            var aligned = PortraitScene.AlignForBundle(picture, face, bundle);
            var source = aligned.FarLayerSource(picture, bundle.Rendering);
            var layer = FarLayer.Build(source, blurred: false, recycle: null);
            var clock = Stopwatch.StartNew();
            for (var b = 0; b < Builds; b++)
            {
                layer = FarLayer.Build(source, blurred: false, recycle: layer);
            }
            var name = Path.Combine(images, Path.GetFileNameWithoutExtension(path));
            var (crop, surround) = layer.Filled;
            await ImageFiles.WritePngAsync(aligned.Crop, name + "-crop.png");
            await WriteIfAny(crop, name + "-fill.png");
            await WriteIfAny(surround, name + "-surround.png");
            if (source.Matte is { } matte)
            {
                await ImageFiles.WritePngAsync(MatteImage(matte, aligned.Crop.Width, aligned.Crop.Height), name + "-matte.png");
            }
            Console.WriteLine($"{Path.GetFileName(path)}: keep's far layer (crop and surround fills) {clock.Elapsed.TotalMilliseconds / Builds:F1} ms a build, pictures in {images}");
        }
        return 0;
    }

    /// <summary>The person matte as a grey picture (person white).</summary>
    private static RgbImage MatteImage(float[] matte, int width, int height)
    {
        var image = new RgbImage(width, height);
        for (var i = 0; i < matte.Length; i++)
        {
            var level = (byte)Math.Clamp((int)(255f * matte[i] + 0.5f), 0, 255);
            (image.Pixels[3 * i], image.Pixels[3 * i + 1], image.Pixels[3 * i + 2]) = (level, level, level);
        }
        return image;
    }

    private static Task WriteIfAny(RgbImage? image, string path) => image is null ? Task.CompletedTask : ImageFiles.WritePngAsync(image, path);
}
