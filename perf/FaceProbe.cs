using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Faces.Mesh;
using PortraitStream.Inference.Faces.Recognition;
using PortraitStream.Inference.Onnx;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Perf;

/// <summary>What one rendered view shows: whether a face was found, how like the input face it is, and the head pose the mesh reads (null when the mesh was refused).</summary>
internal sealed record ViewReading(bool FaceFound, float Similarity, HeadAngles? Pose)
{
    public static ViewReading NoFace { get; } = new(false, 0, null);
}

/// <summary>
/// The fidelity benchmark's eyes: BlazeFace to find the face, a face descriptor for identity (HSE's unless
/// <paramref name="descriptor"/> names another), the face mesh's rigid fit for head pose (<see cref="FaceMeshPose"/>,
/// which refuses meshes that are not a face). Reads a photo and a render the same way, so the input and its views are
/// compared like for like. One thread.
/// </summary>
internal sealed class FaceProbe(OnnxSessionFactory sessions, FaceDescriptorModel? descriptor = null) : IDisposable
{
    private readonly BlazeFaceDetector _detector = new(sessions);
    private readonly FaceEmbedder _embedder = new(sessions, descriptor);
    private readonly FaceMeshPose _pose = new(sessions);

    /// <summary>The most confident face in <paramref name="image"/>, or null.</summary>
    public FaceDetection? FindFace(RgbImage image) => _detector.Detect(image).OrderByDescending(f => f.Score).FirstOrDefault();

    public FaceEmbedding Embed(RgbImage image, FaceDetection face) => _embedder.Embed(image, face);

    /// <summary>Reads <paramref name="view"/> against the input face's embedding; a view without a face reads <see cref="ViewReading.NoFace"/>.</summary>
    public ViewReading Read(RgbImage view, FaceEmbedding input)
    {
        var face = FindFace(view);
        if (face is null)
        {
            return ViewReading.NoFace;
        }
        return new ViewReading(true, input.Similarity(Embed(view, face)), Pose(view, face));
    }

    /// <summary>The head pose the mesh reads on <paramref name="face"/> in <paramref name="image"/>, or null when the mesh is refused.</summary>
    public HeadAngles? Pose(RgbImage image, FaceDetection face) =>
        _pose.TryMeasure(image, FaceCropGeometry.From(face, FaceFraming.Default), FaceFraming.Default)?.Head;

    public void Dispose()
    {
        _detector.Dispose();
        _embedder.Dispose();
        _pose.Dispose();
    }
}
