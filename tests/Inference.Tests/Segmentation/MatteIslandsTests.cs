using PortraitStream.Inference.Segmentation;

namespace PortraitStream.Inference.Tests.Segmentation;

public sealed class MatteIslandsTests
{
    private const int Side = 256;

    /// <summary>
    /// A person (a 120 × 200 block, soft-edged) with specks beside them — a 10 × 10 one (100 pixels, under 0.5 % of the
    /// picture) and one joined to the person's edge by a single pixel — and a hand apart from the body, 25 × 25 (625
    /// pixels): the free speck goes, the joined one and the hand stay, and nothing else changes.
    /// </summary>
    [Fact]
    public void SmallIslandsGo_ThePersonAndLargerPiecesStay()
    {
        var matte = new float[Side * Side];
        Fill(matte, 60, 40, 120, 200, 0.95f);
        Fill(matte, 59, 40, 1, 200, 0.3f);      // a soft fringe under ½: not the person, left as it is
        Fill(matte, 20, 20, 10, 10, 0.8f);      // the free speck
        Fill(matte, 180, 60, 1, 1, 0.7f);       // joined to the person's right edge (x = 179) ...
        Fill(matte, 181, 55, 8, 8, 0.7f);       // ... through one pixel: part of it
        Fill(matte, 210, 10, 25, 25, 0.9f);     // a raised hand, apart
        var before = (float[])matte.Clone();

        var cleared = MatteIslands.Remove(matte, Side, Side);

        Assert.Equal(100, cleared);
        for (var i = 0; i < matte.Length; i++)
        {
            var (x, y) = (i % Side, i / Side);
            var inSpeck = x is >= 20 and < 30 && y is >= 20 and < 30;
            Assert.Equal(inSpeck ? 0f : before[i], matte[i]);
        }
    }

    [Fact]
    public void AnEmptyOrFullMatte_IsLeftAsItIs()
    {
        var empty = new float[Side * Side];
        var full = Enumerable.Repeat(1f, Side * Side).ToArray();
        Assert.Equal(0, MatteIslands.Remove(empty, Side, Side));
        Assert.Equal(0, MatteIslands.Remove(full, Side, Side));
        Assert.All(full, value => Assert.Equal(1f, value));
    }

    /// <summary>A NaN from a broken network is not the person (it fails ≥ ½), so it neither starts nor joins an island.</summary>
    [Fact]
    public void NaN_IsNotThePerson()
    {
        var matte = new float[Side * Side];
        Fill(matte, 0, 0, Side, Side, float.NaN);
        Fill(matte, 100, 100, 3, 3, 1f);
        Assert.Equal(9, MatteIslands.Remove(matte, Side, Side));
    }

    [Fact]
    public void AMatteOfTheWrongSize_IsRefused() =>
        Assert.Throws<ArgumentException>(() => MatteIslands.Remove(new float[10], Side, Side));

    private static void Fill(float[] matte, int x0, int y0, int width, int height, float value)
    {
        for (var y = y0; y < y0 + height; y++)
        {
            Array.Fill(matte, value, y * Side + x0, width);
        }
    }
}
