using PortraitStream.Inference.Faces;

namespace PortraitStream.Inference.Tests.Faces;

public sealed class ZoomedSearchTilesTests
{
    /// <summary>
    /// The promise the zoomed search rests on: tiles half the longer side, and any square up to half a tile wide
    /// anywhere in the picture lies wholly inside one of them (checked on a grid of positions).
    /// </summary>
    [Theory]
    [InlineData(1280, 720, 6)]
    [InlineData(640, 480, 6)]
    [InlineData(512, 512, 9)]
    [InlineData(720, 1280, 6)]
    [InlineData(4000, 100, 3)]
    public void Tiles_CoverEveryFaceUpToHalfATileWide(int width, int height, int expected)
    {
        const int input = 128;
        var tiles = ZoomedSearchTiles.Covering(width, height, input).ToList();
        Assert.Equal(expected, tiles.Count);
        var side = Math.Max(width, height) / 2f;
        Assert.All(tiles, t => Assert.Equal(side / input, t.A, 3));

        var face = Math.Min(side / 2, Math.Min(width, height));
        for (var y = 0f; y + face <= height; y += face / 4)
        {
            for (var x = 0f; x + face <= width; x += face / 4)
            {
                Assert.Contains(tiles, t => t.Tx <= x + 1e-3f && t.Ty <= y + 1e-3f && x + face <= t.Tx + side + 1e-3f && y + face <= t.Ty + side + 1e-3f);
            }
        }
    }
}
