using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Faces.Recognition;
using PortraitStream.Inference.Imaging;
using PortraitStream.Inference.Onnx;
using PortraitStream.Inference.Tests.Relief;
using PortraitStream.Renderer;
using PortraitStream.Renderer.Imaging;
using Xunit.Abstractions;

namespace PortraitStream.Inference.Tests.Faces.Recognition;

/// <summary>
/// Each face descriptor tells a face from things that are not that face: the committed portrait's embedding against
/// the same face cut again from another picture of it (the relief's front render: resampled twice, blurred by the
/// 256² planes, the crop found anew by BlazeFace), against the same crop upside down and with its blocks shuffled (the
/// same pixels without a face's layout), against the centre of no-face.jpg, and against another person (Grace Hopper).
/// Measured with HSE's: 0.96 for the render; 0.22 for the upside-down and the shuffled crop; 0.07 for the rocket; 0.50
/// for another person. With MobileFace's: 0.90 for the render; 0.07, −0.10 and −0.13; 0.14 for another person. The
/// bounds are margins, not those values.
/// </summary>
public sealed class FaceEmbedderTests(RenderedPortrait portrait, ITestOutputHelper output) : IClassFixture<RenderedPortrait>, IDisposable
{
    private const float MinSameFace = 0.8f;
    private const float MinMargin = 0.3f;

    private readonly BlazeFaceDetector _detector = new(TestData.Sessions);

    public void Dispose() => _detector.Dispose();

    public static TheoryData<string> Descriptors => [.. FaceDescriptorModel.All.Select(m => m.Name)];

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Portrait_IsMoreLikeItsFrontRender_ThanLikeScrambledCropsNoFaceOrAnotherPerson(string descriptor)
    {
        using var embedder = new FaceEmbedder(TestData.Sessions, FaceDescriptorModel.Parse(descriptor));
        var photoFace = Assert.Single(_detector.Detect(TestData.Portrait));
        var crop = embedder.Align(TestData.Portrait, photoFace);
        var photo = embedder.Embed(crop);

        var render = portrait.Front.ToRgbImage();
        var renderFace = Assert.Single(_detector.Detect(render));
        var same = photo.Similarity(embedder.Embed(render, renderFace));

        var noFace = TestData.Read("no-face.jpg");
        var side = Math.Min(noFace.Width, noFace.Height);
        var grace = TestData.Read("grace-hopper.jpg");
        var size = embedder.InputSize;
        var others = new Dictionary<string, RgbImage>
        {
            ["upside down"] = UpsideDown(crop),
            ["blocks shuffled"] = Shuffled(crop, 8),
            ["no-face.jpg"] = ImageWarp.Crop(noFace, AffineTransform2D.SquareCrop(noFace.Width / 2f, noFace.Height / 2f, side, 0, size), size),
            ["another person"] = embedder.Align(grace, Assert.Single(_detector.Detect(grace))),
        };
        output.WriteLine($"{descriptor}: photo vs its front render: {same:F3}");
        Assert.True(same >= MinSameFace, $"the same face re-cut from its render: similarity {same:F3} < {MinSameFace}");
        foreach (var (name, image) in others)
        {
            var similarity = photo.Similarity(embedder.Embed(image));
            output.WriteLine($"{descriptor}: photo vs {name}: {similarity:F3}");
            Assert.True(similarity <= same - MinMargin, $"{name}: similarity {similarity:F3} is within {MinMargin} of the same face's {same:F3}");
        }
    }

    [Fact]
    public void Embedding_OfTheSameCrop_IsIdentical()
    {
        using var embedder = new FaceEmbedder(TestData.Sessions);
        var face = Assert.Single(_detector.Detect(TestData.Portrait));
        var a = embedder.Embed(TestData.Portrait, face);
        var b = embedder.Embed(TestData.Portrait, face);
        Assert.Equal(1f, a.Similarity(b), 5);
    }

    [Theory]
    [InlineData("hse", "224×224", 112)]
    [InlineData("mobileface", "112×112", 224)]
    public void WrongCropSize_IsRefused_NamingTheSizes(string descriptor, string wanted, int given)
    {
        using var embedder = new FaceEmbedder(TestData.Sessions, FaceDescriptorModel.Parse(descriptor));
        var e = Assert.Throws<ArgumentException>(() => embedder.Embed(new RgbImage(given, given)));
        Assert.Contains(wanted, e.Message, StringComparison.Ordinal);
        Assert.Contains($"{given}×{given}", e.Message, StringComparison.Ordinal);
    }

    /// <summary>The descriptor's crop puts the eyes where ArcFace's template has them (38.3, 51.7) and (73.5, 51.5), at any size.</summary>
    [Fact]
    public void ArcFaceTemplate_PutsBlazeFacesEyesOnTheTemplates()
    {
        var face = Assert.Single(_detector.Detect(TestData.Portrait));
        var imageToCrop = ArcFaceTemplate.CropToImage(face.Keypoints, 224).Inverse();
        var (rx, ry) = imageToCrop.Apply(face.Keypoints.RightEye.X, face.Keypoints.RightEye.Y);
        var (lx, ly) = imageToCrop.Apply(face.Keypoints.LeftEye.X, face.Keypoints.LeftEye.Y);
        output.WriteLine($"eyes in the 224² crop: ({rx:F1}, {ry:F1}), ({lx:F1}, {ly:F1})");
        Assert.InRange(rx / 2, 38.3f - 3, 38.3f + 3);
        Assert.InRange(lx / 2, 73.5f - 3, 73.5f + 3);
        Assert.InRange(ry / 2, 51.6f - 3, 51.6f + 3);
        Assert.InRange(ly / 2, 51.6f - 3, 51.6f + 3);
    }

    [Fact]
    public void MissingModelFile_IsAModelLoadException_NamingIt()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-folder-{Guid.NewGuid():N}", "faceres.json");
        var e = Assert.Throws<ModelLoadException>(() => new FaceEmbedder(TestData.Sessions, modelJson: path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownDescriptor_NamesTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => FaceDescriptorModel.Parse("arcface-r100"));
        Assert.Contains("hse, mobileface", e.Message, StringComparison.Ordinal);
    }

    private static RgbImage UpsideDown(RgbImage image)
    {
        var result = new RgbImage(image.Width, image.Height);
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                image.Pixel(x, y).CopyTo(result.Pixel(image.Width - 1 - x, image.Height - 1 - y));
            }
        }
        return result;
    }

    /// <summary>The image cut into <paramref name="blocks"/>² squares put back in a fixed shuffled order.</summary>
    private static RgbImage Shuffled(RgbImage image, int blocks)
    {
        var side = image.Width / blocks;
        var order = Enumerable.Range(0, blocks * blocks).ToArray();
        new Random(12).Shuffle(order);
        var result = new RgbImage(image.Width, image.Height);
        for (var k = 0; k < order.Length; k++)
        {
            var (sx, sy, dx, dy) = (order[k] % blocks * side, order[k] / blocks * side, k % blocks * side, k / blocks * side);
            for (var y = 0; y < side; y++)
            {
                image.Pixels.AsSpan(((sy + y) * image.Width + sx) * 3, side * 3).CopyTo(result.Pixels.AsSpan(((dy + y) * image.Width + dx) * 3));
            }
        }
        return result;
    }
}
