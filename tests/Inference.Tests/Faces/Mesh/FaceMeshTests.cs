using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Faces.Mesh;
using PortraitStream.Inference.Onnx;
using PortraitStream.Inference.Segmentation;

namespace PortraitStream.Inference.Tests.Faces.Mesh;

public sealed class FaceMeshTests : IDisposable
{
    // MediaPipe mesh indices: eye corners (33/133 right, 362/263 left), nose tip 1, lip centres 13/14.
    private static readonly int[] Eyes = [33, 133, 362, 263];
    private const int NoseTip = 1;
    private static readonly int[] Mouth = [13, 14];

    private readonly BlazeFaceDetector _detector = new(TestData.Sessions);
    private readonly FaceMesh _mesh = new(TestData.Sessions);

    public void Dispose()
    {
        _detector.Dispose();
        _mesh.Dispose();
    }

    [Fact]
    public void Portrait_LandmarksAreAnatomical_AndInsideTheFaceBox()
    {
        var face = Assert.Single(_detector.Detect(TestData.Portrait));
        var mesh = _mesh.Run(TestData.Portrait, FaceMesh.CropFor(FaceCropGeometry.From(face, FaceFraming.Default), FaceFraming.Default));
        Assert.InRange(mesh.Confidence, 0.9f, 1f);
        var eyesY = Eyes.Max(i => mesh.ImagePoint(i).Y);
        var nose = mesh.ImagePoint(NoseTip);
        Assert.True(eyesY < nose.Y, $"eyes (lowest y {eyesY:F1}) not above the nose tip {nose}");
        Assert.True(Mouth.All(i => nose.Y < mesh.ImagePoint(i).Y), $"nose tip {nose} not above the mouth");
        Assert.True(mesh.ImagePoint(33).X < mesh.ImagePoint(263).X, "the subject's right eye should be on the image's left");
        // BlazeFace's box is tight around eyes, nose and mouth; the mesh reaches the jaw and hairline, so allow 25 % more.
        var box = face.Box with { Width = face.Box.Width * 1.25f, Height = face.Box.Height * 1.5f };
        for (var i = 0; i < FaceMesh.LandmarkCount; i++)
        {
            Assert.True(box.Contains(mesh.ImagePoint(i)), $"landmark {i} at {mesh.ImagePoint(i)} outside {box}");
        }
    }

    [Theory]
    [InlineData("facemesh.json")]
    [InlineData("facemesh.bin")]
    [InlineData("selfie.json")]
    [InlineData("face_geometry.binarypb")]
    public void MissingModelFile_IsAModelLoadException_NamingIt(string file)
    {
        using var folder = new ModelFolderCopy();
        File.Delete(Path.Combine(folder.Path, file));
        var e = Assert.Throws<ModelLoadException>(() => Load(folder.Files));
        Assert.Contains(file, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("facemesh.json")]
    [InlineData("facemesh.bin")]
    [InlineData("selfie.bin")]
    [InlineData("face_geometry.binarypb")]
    public void TruncatedModelFile_IsAModelLoadException_NamingIt(string file)
    {
        using var folder = new ModelFolderCopy();
        var path = Path.Combine(folder.Path, file);
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..1000]);
        var e = Assert.Throws<ModelLoadException>(() => Load(folder.Files));
        Assert.Contains(file, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelRewrittenAfterALoad_IsConvertedAgain_NotServedFromTheFirstConversion()
    {
        // TfjsSessions keeps each converted model for the process (a new live session reuses it); a file replaced on
        // disk must not be answered from that.
        using var folder = new ModelFolderCopy();
        Load(folder.Files);
        var json = folder.Files.FaceMesh;
        File.WriteAllBytes(json, File.ReadAllBytes(json)[..1000]);
        File.SetLastWriteTimeUtc(json, File.GetLastWriteTimeUtc(json).AddMinutes(1));
        var e = Assert.Throws<ModelLoadException>(() => new FaceMesh(TestData.Sessions, folder.Files).Dispose());
        Assert.Contains("facemesh.json", e.Message, StringComparison.Ordinal);
    }

    private static void Load(MediaPipeModelFiles files)
    {
        CanonicalFace.Load(files.FaceGeometry);
        new FaceMesh(TestData.Sessions, files).Dispose();
        new PersonMatte(TestData.Sessions, files).Dispose();
    }

    /// <summary>A temporary copy of the built models/ folder, to break one file in.</summary>
    private sealed class ModelFolderCopy : IDisposable
    {
        public ModelFolderCopy()
        {
            Directory.CreateDirectory(Path);
            foreach (var file in Directory.GetFiles(System.IO.Path.GetDirectoryName(MediaPipeModelFiles.Default.FaceMesh)!))
            {
                File.Copy(file, System.IO.Path.Combine(Path, System.IO.Path.GetFileName(file)));
            }
        }

        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"mediapipe-models-{Guid.NewGuid():N}");

        public MediaPipeModelFiles Files => MediaPipeModelFiles.In(Path);

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
