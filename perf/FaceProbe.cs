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

/// <summary>The input face as views are compared with it: its embedding as it is and, when the probe reads mirror pairs, mirrored left to right.</summary>
internal sealed record ProbeIdentity(FaceEmbedding AsIs, FaceEmbedding? Mirrored);

/// <summary>
/// The fidelity benchmark's eyes: BlazeFace to find the face, a face descriptor for identity (HSE's unless
/// <paramref name="descriptor"/> names another), the face mesh's rigid fit for head pose (<see cref="FaceMeshPose"/>,
/// which refuses meshes that are not a face). Reads a photo and a render the same way, so the input and its views are
/// compared like for like. With <paramref name="mirrorPairs"/> each identity is the mean of the input against the
/// view and of both mirrored left to right: neither descriptor is mirror-symmetric (a view and its mirror pair read
/// 0.33 and 0.54 on MobileFace, ± 0.02 on HSE), and the mean does not side with one hand. One thread.
/// </summary>
internal sealed class FaceProbe(OnnxSessionFactory sessions, FaceDescriptorModel? descriptor = null, bool mirrorPairs = false) : IDisposable
{
    private readonly BlazeFaceDetector _detector = new(sessions);
    private readonly FaceEmbedder _embedder = new(sessions, descriptor);
    private readonly FaceMeshPose _pose = new(sessions);

    /// <summary>The most confident face in <paramref name="image"/>, or null.</summary>
    public FaceDetection? FindFace(RgbImage image) => _detector.Detect(image).OrderByDescending(f => f.Score).FirstOrDefault();

    public ProbeIdentity Embed(RgbImage image, FaceDetection face) =>
        new(_embedder.Embed(image, face), mirrorPairs ? EmbedMirrored(image) : null);

    /// <summary>Reads <paramref name="view"/> against the input face; a view without a face reads <see cref="ViewReading.NoFace"/>.</summary>
    public ViewReading Read(RgbImage view, ProbeIdentity input)
    {
        var face = FindFace(view);
        if (face is null)
        {
            return ViewReading.NoFace;
        }
        var similarity = input.AsIs.Similarity(_embedder.Embed(view, face));
        if (input.Mirrored is { } mirroredInput && EmbedMirrored(view) is { } mirroredView)
        {
            similarity = (similarity + mirroredInput.Similarity(mirroredView)) / 2;
        }
        return new ViewReading(true, similarity, Pose(view, face));
    }

    /// <summary>The embedding of the face found in <paramref name="image"/> mirrored left to right, or null when none is found there.</summary>
    private FaceEmbedding? EmbedMirrored(RgbImage image)
    {
        var mirrored = Mirrored(image);
        return FindFace(mirrored) is { } face ? _embedder.Embed(mirrored, face) : null;
    }

    /// <summary><paramref name="image"/> mirrored left to right, as a new picture.</summary>
    public static RgbImage Mirrored(RgbImage image)
    {
        var mirrored = new RgbImage(image.Width, image.Height);
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                image.Pixel(x, y).CopyTo(mirrored.Pixel(image.Width - 1 - x, y));
            }
        }
        return mirrored;
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
