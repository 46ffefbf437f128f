using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Relief;
using Xunit.Abstractions;

namespace PortraitStream.Inference.Tests.Relief;

/// <summary>Relief v2's grazing fill: what the photo saw edge-on beyond the face takes the person's local average colour.</summary>
public sealed class ReliefV2GrazingFillTests(ReliefV2Fixture relief, ITestOutputHelper output) : IClassFixture<ReliefV2Fixture>, IDisposable
{
    private readonly ModelBundle _withoutFill = ReliefV2Fixture.Variant("relief-v2 without grazing fill", ReliefOptions.Default with { GrazingFill = false });

    public void Dispose() => _withoutFill.Dispose();

    /// <summary>
    /// On the portrait the fill recolours person texels at the silhouette's turn (hair, neck, shoulders) and nothing on
    /// the face: every one of the mesh's 468 landmarks keeps its colour. (Empty columns beside the silhouette change
    /// too — their colour is never seen — and are not counted.)
    /// </summary>
    [Fact]
    public void RecoloursTheEdgeOnSides_NotTheFace()
    {
        var plain = _withoutFill.Encoder.Encode(relief.Face);
        var r = relief.Options.Resolution;
        var changed = ReliefV2Fixture.ChangedColourTexels(relief.Planes, plain, 0.03f);
        var face = relief.Face.Mesh!.Select(p => relief.Texel(new(p.X, p.Y), relief.Options.FacePlaneZ)).Select(t => t.Row * r + t.Column).ToHashSet();
        var person = changed.Where(i => ReliefV2Fixture.HalfThickness(relief.Planes, i % r, i / r) > 0).ToList();
        output.WriteLine($"{changed.Count} texel colours changed, {person.Count} of them the person's, {changed.Intersect(face).Count()} at landmarks");
        Assert.True(person.Count > 200, $"only {person.Count} of the person's texel colours changed");
        Assert.Empty(changed.Intersect(face));
    }
}
