using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Renderer.Tests.Imaging;

/// <summary>The overlay's edge softening on a hard-edged opaque disc over transparency, as the live sampler draws a head.</summary>
public sealed class SilhouetteAntialiasingTests
{
    private const int Size = 32;
    private const float Radius = 10.3f;
    private static readonly byte[] Colour = [200, 150, 120];

    private static RenderTarget HardDisc()
    {
        var target = RenderTarget.Allocate(Size, Size);
        for (var i = 0; i < Size * Size; i++)
        {
            float dx = i % Size + 0.5f - Size / 2f, dy = i / Size + 0.5f - Size / 2f;
            if (dx * dx + dy * dy <= Radius * Radius)
            {
                Colour.CopyTo(target.Rgba, 4 * i);
                target.Rgba[4 * i + 3] = 255;
            }
        }
        return target;
    }

    [Fact]
    public void HardEdge_BecomesAPartlyTransparentRim_InsideAndFarOutsideUntouched()
    {
        var before = HardDisc();
        var after = HardDisc();
        SilhouetteAntialiasing.Apply(after);

        var partial = Enumerable.Range(0, Size * Size).Count(i => after.Rgba[4 * i + 3] is > 0 and < 255);
        Assert.True(partial > 2 * Math.PI * Radius, $"{partial} partly transparent pixels around a disc of radius {Radius}");
        // The middle and the corners keep their values exactly.
        Assert.Equal(before.Rgba.AsSpan(4 * (Size / 2 * Size + Size / 2), 4).ToArray(), after.Rgba.AsSpan(4 * (Size / 2 * Size + Size / 2), 4).ToArray());
        Assert.Equal([0, 0, 0, 0], after.Rgba.AsSpan(0, 4).ToArray());
    }

    /// <summary>Still premultiplied (colour ≤ alpha): over any page the rim is a blend of the disc and the page, no dark or bright fringe.</summary>
    [Fact]
    public void RimStaysPremultiplied_ItsColourTheDiscsScaledByItsAlpha()
    {
        var target = HardDisc();
        SilhouetteAntialiasing.Apply(target);
        for (var i = 0; i < Size * Size; i++)
        {
            var alpha = target.Rgba[4 * i + 3];
            for (var c = 0; c < 3; c++)
            {
                Assert.True(target.Rgba[4 * i + c] <= alpha, $"pixel {i}: colour {target.Rgba[4 * i + c]} above alpha {alpha}");
                // Unpremultiplied, the rim is the disc's own colour (within rounding at small alpha).
                if (alpha >= 64)
                {
                    Assert.InRange(target.Rgba[4 * i + c] * 255.0 / alpha, Colour[c] - 4, Colour[c] + 4);
                }
            }
        }
    }

    [Fact]
    public void OpaqueRender_IsLeftAsItIs()
    {
        var target = RenderTarget.Allocate(Size, Size);
        Array.Fill(target.Rgba, (byte)255);
        target.Rgba[4 * 40] = 10; // colour detail, no silhouette
        var before = (byte[])target.Rgba.Clone();
        SilhouetteAntialiasing.Apply(target);
        Assert.Equal(before, target.Rgba);
    }

    /// <summary>A stereo pair's halves are separate pictures: an edge at the seam is not smeared into the other eye.</summary>
    [Fact]
    public void SideBySideViews_AreSoftenedEachOnItsOwn()
    {
        var target = RenderTarget.Allocate(2 * Size, Size);
        for (var y = 0; y < Size; y++)
        {
            target.Rgba.AsSpan(4 * (y * 2 * Size + Size - 1), 4).Fill(255); // the left eye's last column is opaque
        }

        SilhouetteAntialiasing.Apply(target, views: 2);

        Assert.All(Enumerable.Range(0, Size), y => Assert.Equal(0, target.Rgba[4 * (y * 2 * Size + Size) + 3]));
        Assert.All(Enumerable.Range(0, Size), y => Assert.InRange(target.Rgba[4 * (y * 2 * Size + Size - 2) + 3], 1, 254));
        Assert.Throws<ArgumentException>(() => SilhouetteAntialiasing.Apply(RenderTarget.Allocate(2 * Size + 1, Size), views: 2));
    }
}
