using System.Numerics;
using PortraitStream.Renderer.Stretch;

namespace PortraitStream.Renderer.Tests.Stretch;

/// <summary>The per-pixel stretch and blur from the pixel-to-plane derivatives.</summary>
public sealed class StretchFormulasTests
{
    private const float Footprint = 0.002f, Texel = 0.004f;

    [Fact]
    public void AViewLikeThePhotos_IsNotStretched()
    {
        var (_, length, stretch) = StretchFormulas.Estimate(new Vector2(Footprint, 0f), new Vector2(0f, -Footprint), Footprint, Texel);
        Assert.Equal(1f, stretch, 1e-4f);
        Assert.Equal(0f, length);
    }

    [Fact]
    public void AFaceOnSurfaceTurned45Degrees_IsForeshortenedNotStretched()
    {
        // One pixel across now crosses 1 / cos 45° of the plane: compressed, which a blur would only soften.
        var (_, length, stretch) = StretchFormulas.Estimate(new Vector2(Footprint * MathF.Sqrt(2f), 0f), new Vector2(0f, Footprint), Footprint, Texel);
        Assert.Equal(1f, stretch, 1e-4f);
        Assert.Equal(0f, length);
    }

    [Fact]
    public void ASideThePhotoSawEdgeOn_IsBlurredAcrossItsStreaks()
    {
        // Along image x a pixel crosses a tenth of what it did in the photo: each texel spans ten pixels sideways, and
        // its row-to-row changes are the streaks, so the blur runs along image y.
        var (axis, length, stretch) = StretchFormulas.Estimate(new Vector2(0.1f * Footprint, 0f), new Vector2(0f, Footprint), Footprint, Texel);
        Assert.Equal(10f, stretch, 1e-3f);
        Assert.Equal(0f, axis.X, 1e-5f);
        Assert.Equal(1f, MathF.Abs(axis.Y), 1e-5f);
        Assert.Equal(StretchFormulas.MaxTexels * Texel / Footprint, length, 1e-3f);
    }

    [Fact]
    public void TheBlurFollowsTheUnstretchedDirection_WhateverItsAngleInTheImage()
    {
        // A stretch of 5 along the image direction (cos 30°, sin 30°): J = diag(0.2, 1) · Rᵀ, so the blur runs along
        // (−sin 30°, cos 30°), the direction along which a pixel still crosses a whole footprint of the plane.
        var (c, s) = (MathF.Cos(MathF.PI / 6f), MathF.Sin(MathF.PI / 6f));
        var du = Footprint * new Vector2(0.2f * c, -s);
        var dv = Footprint * new Vector2(0.2f * s, c);
        var (axis, length, stretch) = StretchFormulas.Estimate(du, dv, Footprint, Texel);
        Assert.Equal(5f, stretch, 1e-3f);
        Assert.Equal(1f, MathF.Abs(Vector2.Dot(axis, new Vector2(-s, c))), 1e-4f);
        Assert.Equal(StretchFormulas.TexelsPerStretch * (5f - StretchFormulas.Threshold) * Texel / Footprint, length, 1e-3f);
    }

    [Fact]
    public void ADegenerateMap_IsCappedNotInfinite()
    {
        var (_, length, stretch) = StretchFormulas.Estimate(Vector2.Zero, new Vector2(0f, Footprint), Footprint, Texel);
        Assert.True(float.IsFinite(stretch) && stretch >= 999f, $"stretch {stretch}");
        Assert.Equal(StretchFormulas.MaxTexels * Texel / Footprint, length, 1e-3f);
    }
}
