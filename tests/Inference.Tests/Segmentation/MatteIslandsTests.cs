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
        AssertClearedOnly(before, matte, 20, 20, 10, 10);
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

    /// <summary>
    /// Two people apart (a neighbour's block beside the person's, a gap between them) and a third joined to the person
    /// by one pixel: from a point on the person, the neighbour apart goes and the joined one stays; the soft fringe under
    /// ½ and the matte handed in are left as they were.
    /// </summary>
    [Fact]
    public void OnlyTheOneAt_KeepsThePersonThere_WithoutThePeopleApart()
    {
        var matte = new float[Side * Side];
        Fill(matte, 60, 40, 100, 200, 0.95f);   // the person
        Fill(matte, 59, 40, 1, 200, 0.3f);       // their soft fringe
        Fill(matte, 170, 30, 80, 210, 0.9f);    // a neighbour, 10 pixels apart
        Fill(matte, 0, 100, 60, 1, 0.8f);       // an arm reaching out to the left edge, joined through the fringe
        var before = (float[])matte.Clone();

        var only = new float[Side * Side + 7];   // a pooled buffer may be longer

        Assert.True(MatteIslands.OnlyTheOneAt(matte, only, Side, Side, 100, 100));
        Assert.Equal(before, matte);
        AssertClearedOnly(before, only, 170, 30, 80, 210);
    }

    /// <summary>From a point that is not the person there is nothing to tell the people apart by: the matte as it is.</summary>
    [Fact]
    public void OnlyTheOneAt_APointOffThePerson_KeepsEveryone()
    {
        var matte = new float[Side * Side];
        Fill(matte, 60, 40, 100, 200, 0.95f);
        Fill(matte, 170, 30, 80, 210, 0.9f);
        foreach (var (x, y) in new[] { (5, 5), (-1, 300) })
        {
            var only = Enumerable.Repeat(0.5f, Side * Side).ToArray();
            Assert.False(MatteIslands.OnlyTheOneAt(matte, only, Side, Side, x, y));
            Assert.Equal(matte, only);
        }
    }

    /// <summary>
    /// A crop's matte with the person, a neighbour apart and a hand apart whose arm (outside the crop) joins it to the
    /// person in the picture: where the wanted mask (the picture's one person) touches the hand at a single pixel, the hand
    /// stays; the neighbour, which it does not touch, goes, and the soft fringe is left as it was.
    /// </summary>
    [Fact]
    public void RemoveWithAWantedMask_KeepsWhatItTouches()
    {
        var matte = new float[Side * Side];
        Fill(matte, 60, 40, 100, 200, 0.95f);   // the person
        Fill(matte, 59, 40, 1, 200, 0.3f);      // their soft fringe
        Fill(matte, 200, 150, 50, 100, 0.9f);   // a neighbour
        Fill(matte, 10, 10, 30, 30, 0.9f);      // a hand
        var wanted = new float[Side * Side + 5];
        Fill(wanted, 60, 40, 100, 200, 1f);
        wanted[20 * Side + 39] = 0.6f;          // the hand's one joined pixel
        var before = (float[])matte.Clone();

        Assert.Equal(50 * 100, MatteIslands.Remove(matte, Side, Side, wanted));
        AssertClearedOnly(before, matte, 200, 150, 50, 100);
    }

    [Fact]
    public void AMatteOfTheWrongSize_IsRefused() =>
        Assert.Throws<ArgumentException>(() => MatteIslands.Remove(new float[10], Side, Side));

    /// <summary><paramref name="after"/> is <paramref name="before"/> with the block at (x0, y0), width × height, set to 0 and nothing else changed.</summary>
    private static void AssertClearedOnly(float[] before, float[] after, int x0, int y0, int width, int height)
    {
        for (var i = 0; i < before.Length; i++)
        {
            var (x, y) = (i % Side, i / Side);
            var cleared = x >= x0 && x < x0 + width && y >= y0 && y < y0 + height;
            Assert.Equal(cleared ? 0f : before[i], after[i]);
        }
    }

    private static void Fill(float[] matte, int x0, int y0, int width, int height, float value)
    {
        for (var y = y0; y < y0 + height; y++)
        {
            Array.Fill(matte, value, y * Side + x0, width);
        }
    }
}
