using Microsoft.Extensions.Logging.Abstractions;
using PortraitStream.Inference.Imaging;
using PortraitStream.Inference.Onnx;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Inference.Tests;

/// <summary>The committed test images (tests/data, see its README for sources and licences) and shared fixtures.</summary>
internal static class TestData
{
    private static readonly Lazy<RgbImage> LazyPortrait = new(() => Read("portrait.png"));
    private static readonly Lazy<OnnxSessionFactory> LazySessions = new(() => new OnnxSessionFactory(NullLogger<OnnxSessionFactory>.Instance, ExecutionProviderPreference.Cpu));

    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "data", name);

    /// <summary>NASA's public-domain portrait of astronaut Eileen Collins, 512×512.</summary>
    public static RgbImage Portrait => LazyPortrait.Value;

    public static OnnxSessionFactory Sessions => LazySessions.Value;

    /// <summary>
    /// The portrait's rows [<paramref name="top"/>, <paramref name="bottom"/>) as a picture of their own: a camera
    /// frame that cuts the person (from 70 down, the top edge crosses the hair as a webcam's does when one sits close).
    /// </summary>
    public static RgbImage PortraitRows(int top, int bottom)
    {
        var picture = new RgbImage(Portrait.Width, bottom - top);
        Portrait.Pixels.AsSpan(Portrait.Stride * top, Portrait.Stride * (bottom - top)).CopyTo(picture.Pixels);
        return picture;
    }

    public static RgbImage Read(string name) => new ImageFiles().ReadAsync(Path(name)).GetAwaiter().GetResult();
}
