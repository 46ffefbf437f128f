using System.Numerics;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Scene;
using PortraitStream.Renderer.Styles;
using PortraitStream.Renderer.Tests.Scenes;

namespace PortraitStream.Renderer.Tests.Styles;

/// <summary>
/// Render styles on the CPU, on an analytic sphere whose surface and silhouette are known: each style changes the
/// picture and leaves the depth alone, normals from the depth buffer point where the sphere's do, the outline sits on
/// the silhouette and not on the smooth middle, and a target without depth is styled the same as one with.
/// </summary>
public sealed class StyleShadingTests
{
    private const int Size = 96;
    private static readonly Triplanes Sphere = AnalyticTriplanes.Sphere(SphereRadius, (0f, 0f, 0.2f));
    private const float SphereRadius = 0.18f; // ~30 px across a 96² view: the whole silhouette in the picture
    private static readonly DecoderWeights Decoder = OccupancyDecoder.Create();

    private static RenderRequest Request(RenderStyle style, bool live = false) =>
        new(Sphere, Decoder, RenderingConfig.Eg3dFfhq, CameraView.Front, Size, Size)
        {
            Style = style,
            Samples = new SampleCounts(24, 24),
            Live = live ? LiveSampling.ForOutput(Size) : null,
        };

    private static RenderTarget Render(RenderStyle style, bool live = false, bool withDepth = true)
    {
        var target = RenderTarget.Allocate(Size, Size, withDepth);
        new CpuVolumeRenderer().Render(Request(style, live), target);
        return target;
    }

    [Theory]
    [InlineData(RenderStyle.Toon, false)]
    [InlineData(RenderStyle.Outline, false)]
    [InlineData(RenderStyle.Hologram, false)]
    [InlineData(RenderStyle.Sketch, false)]
    [InlineData(RenderStyle.Toon, true)]
    [InlineData(RenderStyle.Sketch, true)]
    public void EachStyle_ChangesThePicture_NotTheDepth(RenderStyle style, bool live)
    {
        var plain = Render(RenderStyle.None, live);
        var styled = Render(style, live);

        double psnr = ImageCompare.Psnr(styled.Rgba, plain.Rgba);
        Assert.True(psnr < 30, $"{style}: PSNR {psnr:0.0} dB against the unstyled render; the style barely changed it");
        Assert.Equal(plain.Depth, styled.Depth);
    }

    [Fact]
    public void TargetWithoutDepth_IsStyledAsOneWithDepth()
    {
        var withDepth = Render(RenderStyle.Outline);
        var without = Render(RenderStyle.Outline, withDepth: false);

        Assert.Equal(withDepth.Rgba, without.Rgba);
    }

    /// <summary>The sphere's own normals, in camera space (x right, y down, z forward), against the depth buffer's, with
    /// the live sampler (its depths are bisected surfaces; the reference sampler's are jittered weighted means, whose
    /// normals are noisier).</summary>
    [Theory]
    [InlineData(0.0f, 0.0f)]
    [InlineData(0.6f, 0.0f)]
    [InlineData(-0.6f, 0.0f)]
    [InlineData(0.0f, 0.6f)]
    [InlineData(0.0f, -0.6f)]
    [InlineData(0.5f, 0.5f)]
    public void DepthNormals_FollowTheSphere(float u, float v)
    {
        var target = Render(RenderStyle.None, live: true);
        var camera = PinholeCamera.For(CameraView.Front, RenderingConfig.Eg3dFfhq, Size, Size);
        var frame = PictureFrame.For(target, target.Depth!, camera, left: 0);
        // The disc's centre and radius in pixels, from the covered pixels.
        var (cx, cy) = RenderHarness.CoveredCentroid(target);
        double radius = Math.Sqrt(RenderHarness.CoveredPixels(target) / Math.PI);
        int x = (int)(Size / 2.0 + cx + u * radius), y = (int)(Size / 2.0 + cy + v * radius);

        var points = new Vector3[Size * Size];
        for (int i = 0; i < points.Length; i++)
        {
            points[i] = frame.Point(i % Size, i / Size);
        }
        var normal = frame.Normal(x, y, points);
        // The true normal: from the sphere's centre to the pixel's surface point, in camera space.
        var centre = new Vector3(0f, 0f, 0.2f) - camera.Pose.Origin;
        var local = new Vector3(Vector3.Dot(centre, camera.Pose.Right), Vector3.Dot(centre, camera.Pose.Down), Vector3.Dot(centre, camera.Pose.Forward));
        var truth = Vector3.Normalize(frame.Point(x, y) - local);
        float angle = MathF.Acos(Math.Clamp(Vector3.Dot(normal, truth), -1f, 1f)) * 180f / MathF.PI;
        Assert.True(angle < 8f, $"at ({x}, {y}) normal {normal} vs the sphere's {truth}: {angle:0.0}° apart");
    }

    [Fact]
    public void Outline_DrawsTheSilhouette_NotTheSmoothMiddle()
    {
        var plain = Render(RenderStyle.None, live: true);
        var outlined = Render(RenderStyle.Outline, live: true);
        var (cx, cy) = RenderHarness.CoveredCentroid(plain);
        double radius = Math.Sqrt(RenderHarness.CoveredPixels(plain) / Math.PI);
        int centreX = (int)(Size / 2.0 + cx), centreY = (int)(Size / 2.0 + cy);

        // Across the right edge of the disc the outline darkens and covers pixels; the middle keeps its colour.
        int darkened = 0;
        for (int x = (int)(centreX + radius - 3); x <= (int)(centreX + radius + 2); x++)
        {
            int i = 4 * (centreY * Size + x);
            if (outlined.Rgba[i + 3] >= 128 && outlined.Rgba[i] + outlined.Rgba[i + 1] + outlined.Rgba[i + 2] < 90)
            {
                darkened++;
            }
        }
        Assert.True(darkened >= 1, "no dark outline pixel across the silhouette: " + string.Join(" ",
            Enumerable.Range((int)(centreX + radius - 3), 6).Select(x => $"{outlined.Rgba[4 * (centreY * Size + x)]},{outlined.Rgba[4 * (centreY * Size + x) + 3]}/{plain.Rgba[4 * (centreY * Size + x)]},{plain.Rgba[4 * (centreY * Size + x) + 3]}")));
        int middle = 4 * (centreY * Size + centreX);
        Assert.Equal(plain.Rgba.AsSpan(middle, 4).ToArray(), outlined.Rgba.AsSpan(middle, 4).ToArray());
    }

    [Fact]
    public void UndefinedStyle_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new CpuVolumeRenderer().Render(Request((RenderStyle)42), RenderTarget.Allocate(Size, Size)));
        Assert.Contains("render style 42 is not one of none, toon, outline, hologram, sketch", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("none", RenderStyle.None)]
    [InlineData("Toon", RenderStyle.Toon)]
    [InlineData("OUTLINE", RenderStyle.Outline)]
    [InlineData("hologram", RenderStyle.Hologram)]
    [InlineData("sketch", RenderStyle.Sketch)]
    public void Names_ParseCaseInsensitively(string name, RenderStyle expected)
    {
        Assert.True(RenderStyleNames.TryParse(name, out var style));
        Assert.Equal(expected, style);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("toon ")]
    [InlineData("pencil")]
    public void OtherNames_AreRefused(string? name) => Assert.False(RenderStyleNames.TryParse(name, out _));
}
