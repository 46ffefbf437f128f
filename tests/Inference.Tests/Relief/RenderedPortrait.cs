using System.Numerics;
using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Relief;
using PortraitStream.Renderer;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Inference.Tests.Relief;

/// <summary>
/// The committed portrait through the whole path: BlazeFace → aligned crop → relief encoder (ONNX Runtime) → CPU
/// reference renderer, with helpers to lift crop points onto the rendered surface and project them into other views.
/// </summary>
public sealed class RenderedPortrait : IDisposable
{
    private readonly ModelBundle _bundle = ModelBundle.Load(ReliefBundle.Default, TestData.Sessions);
    private readonly CpuVolumeRenderer _renderer = new();
    private readonly Triplanes _planes;

    public RenderedPortrait()
    {
        using var detector = new BlazeFaceDetector(TestData.Sessions);
        var face = Assert.Single(detector.Detect(TestData.Portrait));
        Face = FaceAligner.Align(TestData.Portrait, face, _bundle.Encoder.InputSize, _bundle.Manifest.Encoder.Framing);
        _planes = new Triplanes(_bundle.Layout);
        _bundle.Encoder.Encode(Face, _planes);
        Front = Render(CameraView.Front);
    }

    public AlignedFace Face { get; }

    /// <summary>Side of the crop and of every render, pixels.</summary>
    public int Size => Face.Crop.Width;

    public RenderTarget Front { get; }

    /// <param name="samples">Samples per ray; the bundle's (48 + 48) when null.</param>
    /// <param name="size">Side of the render; <see cref="Size"/> when null (the lift and projection helpers assume that).</param>
    public RenderTarget Render(CameraView view, SampleCounts? samples = null, int? size = null)
    {
        var side = size ?? Size;
        var target = RenderTarget.Allocate(side, side, withDepth: true);
        _renderer.Render(Request(view, samples, side), target);
        return target;
    }

    /// <summary>The request <see cref="Render"/> gives the CPU reference, for other renderers to repeat.</summary>
    public RenderRequest Request(CameraView view, SampleCounts? samples = null, int? size = null) =>
        new(_planes, _bundle.Decoder, _bundle.Rendering, view, size ?? Size, size ?? Size) { Samples = samples };

    /// <summary>The world point the front render shows at crop pixel <paramref name="crop"/>: its ray at its depth.</summary>
    public Vector3 Lift(Vector2 crop)
    {
        var camera = PinholeCamera.For(CameraView.Front, _bundle.Rendering, Size, Size);
        int x = (int)crop.X, y = (int)crop.Y;
        return camera.PixelRay(x, y).At(Front.Depth![y * Size + x]);
    }

    /// <summary>Pixel position (x right, y down, continuous) and distance along the ray of <paramref name="point"/> in <paramref name="view"/>.</summary>
    public (Vector2 Pixel, float Distance) Project(Vector3 point, CameraView view)
    {
        var camera = PinholeCamera.For(view, _bundle.Rendering, Size, Size);
        var d = point - camera.Pose.Origin;
        var local = new Vector3(Vector3.Dot(d, camera.Pose.Right), Vector3.Dot(d, camera.Pose.Down), Vector3.Dot(d, camera.Pose.Forward));
        var focalPixels = camera.Intrinsics.Focal * Size;
        return (new Vector2(local.X / local.Z * focalPixels + Size / 2f, local.Y / local.Z * focalPixels + Size / 2f), d.Length());
    }

    /// <summary>The render's RGB as an image (colour is premultiplied over black; the relief is opaque everywhere in view).</summary>
    public void Dispose() => _bundle.Dispose();
}
