using PortraitStream.Inference.Faces;

namespace PortraitStream.Inference.Tests.Faces;

/// <summary>
/// The caps over the stretches of person a picture's edge cuts, on made-up edges: 100 pixels along, the person over
/// [30, 70) at the edge, and 8 pixels inside it over a run that says how the outline comes to the edge.
/// </summary>
public sealed class EdgeCapsTests
{
    private const int Length = 100;
    private const float Depth = 8f;

    private static Func<float, float> Over(int from, int to) => t => t >= from && t < to ? 1f : 0f;

    private static EdgeCaps Caps(Func<float, float> edge, Func<float, float> inside, float longest = 100f, float room = float.PositiveInfinity) =>
        EdgeCaps.Along(Length, longest, edge, Depth, inside, _ => room);

    /// <summary>The cap's height at pixel <paramref name="t"/>: where a point past the edge stops being under it.</summary>
    private static float Height(EdgeCaps caps, float t)
    {
        var past = 0f;
        while (caps.Under(t, past, 0.01f) > 0.5f)
        {
            past += 0.05f;
        }
        return past;
    }

    /// <summary>Straight sides get (nearly) a half disc: the steepest slope an arc is fitted to, 20, leaves it 19 of 20 tall.</summary>
    [Fact]
    public void StraightSides_GetAHalfDisc()
    {
        var caps = Caps(Over(30, 70), Over(30, 70));
        Assert.InRange(Height(caps, 50), 18.5f, 19.5f);
        Assert.InRange(Height(caps, 40.5f), 0.85f * 17.3f, 1.15f * 17.3f);
        Assert.Equal(0f, Height(caps, 20));
    }

    /// <summary>An outline closing in at 45° (8 pixels wider on each side 8 pixels in) gets the circle that leaves the ends at 45°: 0.414 of the half-width.</summary>
    [Fact]
    public void AnOutlineClosingIn_GetsALowArc()
    {
        var caps = Caps(Over(30, 70), Over(22, 78));
        Assert.InRange(Height(caps, 50), 0.414f * 20 - 0.3f, 0.414f * 20 + 0.3f);
    }

    [Fact]
    public void GapsBetweenStrands_AreBridged()
    {
        var caps = Caps(t => t is >= 30 and < 48 or >= 52 and < 70 ? 1f : 0f, Over(30, 70));
        Assert.InRange(Height(caps, 50), 18.5f, 19.5f);
    }

    [Fact]
    public void NoCap_StandsPastTheRoomLeftOrTheLongest()
    {
        Assert.InRange(Height(Caps(Over(30, 70), Over(30, 70), longest: 12f), 50), 11.5f, 12.5f);
        Assert.InRange(Height(Caps(Over(30, 70), Over(30, 70), room: 6f), 50), 5.5f, 6.5f);
        Assert.Equal(0f, Height(Caps(Over(30, 70), Over(30, 70), room: -3f), 50));
    }

    /// <summary>An outline that opens out wide just inside the edge (a shoulder under a thin wisp) still gets a finite, low arc.</summary>
    [Fact]
    public void AnOutlineOpeningWide_GetsAFiniteLowArc()
    {
        var height = Height(Caps(Over(45, 55), Over(0, Length)), 50);
        Assert.True(float.IsFinite(height));
        Assert.InRange(height, 0f, 1f);
    }
}
