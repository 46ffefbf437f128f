using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Renderer.Tests.Imaging;

public sealed class AffineTransform2DTests
{
    [Theory]
    [InlineData(100f, 200f, 50f, 0.3f, 64)]
    [InlineData(256f, 256f, 512f, -1.2f, 128)]
    public void SquareCrop_MapsCropCentreToCentre_AndInverts(float cx, float cy, float side, float angle, int size)
    {
        var map = AffineTransform2D.SquareCrop(cx, cy, side, angle, size);
        var (x, y) = map.Apply(size / 2f, size / 2f);
        Assert.Equal(cx, x, 3);
        Assert.Equal(cy, y, 3);
        Assert.Equal(side / size, map.Scale, 0.0001f);
        var (bx, by) = map.Inverse().Apply(x, y);
        Assert.Equal(size / 2f, bx, 3);
        Assert.Equal(size / 2f, by, 3);
    }
}
