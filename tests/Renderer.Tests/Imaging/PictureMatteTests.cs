using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Renderer.Tests.Imaging;

/// <summary>A matte stretched over a picture of any size reads bilinearly at picture points, its edge continued outside.</summary>
public sealed class PictureMatteTests
{
    // Two columns: background on the left, person on the right; stretched over a 100 × 50 picture each is 50 pixels wide.
    private static readonly PictureMatte Halves = new([0f, 1f, 0f, 1f], 2, 2);

    [Theory]
    [InlineData(25f, 25f, 0f)]     // the left cell's centre
    [InlineData(75f, 10f, 1f)]     // the right cell's centre column
    [InlineData(50f, 25f, 0.5f)]   // halfway between the cells' centres
    [InlineData(37.5f, 40f, 0.25f)]
    [InlineData(-30f, -30f, 0f)]   // outside: the nearest edge
    [InlineData(130f, 80f, 1f)]
    public void At_ReadsTheStretchedGridBilinearly(float x, float y, float expected) =>
        Assert.Equal(expected, Halves.At(x, y, 100, 50), 5);
}
