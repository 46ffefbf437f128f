using Microsoft.Extensions.Logging.Abstractions;
using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Faces.Mesh;
using PortraitStream.Inference.Onnx;
using PortraitStream.Renderer;
using PortraitStream.Renderer.Background;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Imaging;
using PortraitStream.Server.Pipeline.Control;
using PortraitStream.Server.Pipeline.Stages;
using Xunit.Abstractions;

namespace PortraitStream.Server.Tests.Pipeline;

/// <summary>
/// Issue #12, "gaze on real faces", end to end: a turned real face (the committed portrait turned by relief v2, so the
/// truth is known) goes through the server's analyser as a camera would send it; the Gaze preset turns the view by the
/// tracked head; relief v2's render at that view faces the camera, as the face mesh reads it. Rendered as the render
/// stage renders a session's frames, with the live sampler. Measured (128²): turned −25° and +25° (which turns the face
/// ±26.9°: <see cref="ViewTurn"/>), the tracker reads −27.1° and +26.3° and the Gaze output +1.8° and −0.6° (with
/// the mirror fill, since taken out: −2.0° / +2.8°; before relief v2 kept the head's tilt off its depth gain: −24.6° /
/// +23.1°, output −3.6° / +4.4°; `perf -- gaze` at 256²
/// with EG3D's sampler, perf/RESULTS-fidelity.md); the bound: within a quarter of the input's turn. (With 16 + 16 samples
/// of EG3D's sampler the reading moved by 2–3° with any change to the picture: the +25° case read 6.0° before the
/// stretch smoothing and 7.4° with it, while 256² with 48 + 48 read 6.8° and 6.1°.)
/// </summary>
public sealed class GazeOnTurnedFaceTests(ITestOutputHelper output) : IDisposable
{
    private const int Size = 128;
    private const int Frames = 10;

    private readonly AnalysedPortrait _portrait = new("relief-v2");
    private readonly OnnxSessionFactory _sessions = new(NullLogger<OnnxSessionFactory>.Instance, ExecutionProviderPreference.Cpu);
    private readonly CpuVolumeRenderer _renderer = new();
    private readonly BackgroundComposer _background = new();

    public void Dispose() => _portrait.Dispose();

    [Theory]
    [InlineData(25f)]
    [InlineData(-25f)]
    public void GazeView_OfATurnedFace_FacesTheCamera(float turn)
    {
        var photo = _portrait.Frame.Camera.Image;
        var turned = Render(_portrait.Frame, photo, new CameraView(turn, 0));

        using var analyser = new FrameAnalyser(_sessions);
        var frames = Enumerable.Range(0, Frames).Select(i => analyser.Analyse(new CameraFrame(turned, TimeSpan.FromSeconds(i / 30.0), FrameTimings.Start()), _portrait.Bundle)).ToList();
        frames.SkipLast(1).ToList().ForEach(f => f.Dispose());
        using var tracked = frames[^1];
        var view = ViewPresets.Target(ViewPreset.Gaze, CameraView.Front, TimeSpan.Zero, tracked.Head);
        var gazed = Render(tracked, turned, view);

        using var detector = new BlazeFaceDetector(_sessions);
        using var mesh = new FaceMeshPose(_sessions);
        var outputHead = Assert.IsType<MeshMeasurement>(mesh.TryMeasure(gazed, FaceCropGeometry.From(Assert.Single(detector.Detect(gazed)), FaceFraming.Default), FaceFraming.Default)).Head;
        output.WriteLine($"turn {turn}°: tracked yaw {tracked.Head.YawDegrees:F1}°, gaze view yaw {view.YawDegrees:F1}°, output reads yaw {outputHead.YawDegrees:F1}°");

        Assert.InRange(tracked.Head.YawDegrees * MathF.Sign(turn), MathF.Abs(turn) - 5, MathF.Abs(turn) + 5);
        Assert.Equal(-tracked.Head.YawDegrees, view.YawDegrees, 0.01f);
        Assert.InRange(MathF.Abs(outputHead.YawDegrees), 0, MathF.Abs(turn) / 4);
    }

    /// <summary>The analysed frame's triplanes from <paramref name="view"/> over the kept background of <paramref name="camera"/>, as the render stage draws them.</summary>
    private RgbImage Render(AnalysedFrame frame, RgbImage camera, CameraView view)
    {
        var bundle = frame.Bundle;
        var target = RenderTarget.Allocate(Size, Size);
        _renderer.Render(new RenderRequest(frame.Triplanes!.Triplanes, bundle.Decoder, bundle.Rendering, view, Size, Size) { Live = LiveSampling.ForOutput(Size) }, target);
        _background.Compose(target, BackgroundChoice.Keep, view, frame.Aligned!.FarLayerSource(camera, bundle.Rendering), transparentRemove: false);
        return target.ToRgbImage();
    }
}
