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
/// The face descriptor tells a face from things that are not that face: the committed portrait's embedding against
/// the same face cut again from another picture of it (the relief's front render: resampled twice, blurred by the
/// 256² planes, the crop found anew by BlazeFace), against the same crop upside down and with its 28 × 28 blocks
/// shuffled (the same pixels without a face's layout), and against the centre of no-face.jpg. Measured: 0.96 for the
/// render; 0.22 for the upside-down and the shuffled crop; 0.07 for the rocket. The bounds are margins, not those
/// values.
/// </summary>
public sealed class FaceEmbedderTests(RenderedPortrait portrait, ITestOutputHelper output) : IClassFixture<RenderedPortrait>, IDisposable
{
    private const float MinSameFace = 0.8f;
    private const float MinMargin = 0.3f;

    private readonly FaceEmbedder _embedder = new(TestData.Sessions);
    private readonly BlazeFaceDetector _detector = new(TestData.Sessions);

    public void Dispose()
    {
        _embedder.Dispose();
        _detector.Dispose();
    }

    [Fact]
    public void Portrait_IsMoreLikeItsFrontRender_ThanLikeScrambledCropsOrNoFace()
    {
        var photoFace = Assert.Single(_detector.Detect(TestData.Portrait));
        var crop = FaceEmbedder.Align(TestData.Portrait, photoFace).Crop;
        var photo = _embedder.Embed(crop);

        var render = portrait.Front.ToRgbImage();
        var renderFace = Assert.Single(_detector.Detect(render));
        var same = photo.Similarity(_embedder.Embed(render, renderFace));

        var noFace = TestData.Read("no-face.jpg");
        var side = Math.Min(noFace.Width, noFace.Height);
        var others = new Dictionary<string, RgbImage>
        {
            ["upside down"] = UpsideDown(crop),
            ["blocks shuffled"] = Shuffled(crop, 8),
            ["no-face.jpg"] = ImageWarp.Crop(noFace, AffineTransform2D.SquareCrop(noFace.Width / 2f, noFace.Height / 2f, side, 0, FaceEmbedder.InputSize), FaceEmbedder.InputSize),
        };
        output.WriteLine($"photo vs its front render: {same:F3}");
        Assert.True(same >= MinSameFace, $"the same face re-cut from its render: similarity {same:F3} < {MinSameFace}");
        foreach (var (name, image) in others)
        {
            var similarity = photo.Similarity(_embedder.Embed(image));
            output.WriteLine($"photo vs {name}: {similarity:F3}");
            Assert.True(similarity <= same - MinMargin, $"{name}: similarity {similarity:F3} is within {MinMargin} of the same face's {same:F3}");
        }
    }

    [Fact]
    public void Embedding_OfTheSameCrop_IsIdentical()
    {
        var face = Assert.Single(_detector.Detect(TestData.Portrait));
        var a = _embedder.Embed(TestData.Portrait, face);
        var b = _embedder.Embed(TestData.Portrait, face);
        Assert.Equal(1f, a.Similarity(b), 5);
    }

    [Fact]
    public void WrongCropSize_IsRefused_NamingTheSizes()
    {
        var e = Assert.Throws<ArgumentException>(() => _embedder.Embed(new RgbImage(112, 112)));
        Assert.Contains("224×224", e.Message, StringComparison.Ordinal);
        Assert.Contains("112×112", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingModelFile_IsAModelLoadException_NamingIt()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-folder-{Guid.NewGuid():N}", "faceres.json");
        var e = Assert.Throws<ModelLoadException>(() => new FaceEmbedder(TestData.Sessions, path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
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
