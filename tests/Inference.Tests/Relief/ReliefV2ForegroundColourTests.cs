using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Imaging;
using PortraitStream.Inference.Relief;
using PortraitStream.Inference.Relief.V2;
using Xunit.Abstractions;

namespace PortraitStream.Inference.Tests.Relief;

/// <summary>Relief v2's foreground colour: the person's body never carries the room's colour from the matte's unsure edge.</summary>
public sealed class ReliefV2ForegroundColourTests(ReliefV2Fixture relief, ITestOutputHelper output) : IClassFixture<ReliefV2Fixture>, IDisposable
{
    private readonly ModelBundle _withoutFill = ModelBundle.Load(
        BundleFiles.FromMemory("relief-v2 without foreground colour", ReliefV2Bundle.Generate(ReliefOptions.Default with { ForegroundColour = false })), TestData.Sessions);

    public void Dispose() => _withoutFill.Dispose();

    /// <summary>
    /// A red person left of a blue room, with a 16-pixel strip of room the matte calls 0.6 person (a soft edge, as the
    /// selfie model leaves between jaw and hair): that strip gets a body either way, but only without the fill does it
    /// wear the room's blue.
    /// </summary>
    [Fact]
    public void RoomAtTheMattesUnsureEdge_TakesThePersonsColour()
    {
        var size = relief.Face.Crop.Width;
        var (edge, strip) = (size * 3 / 4, 16);
        var crop = new RgbImage(size, size);
        var matte = new float[size * size];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var i = y * size + x;
                (crop.Pixels[3 * i], crop.Pixels[3 * i + 2]) = x < edge ? ((byte)220, (byte)20) : ((byte)20, (byte)220);
                matte[i] = x < edge ? 1f : x < edge + strip ? 0.6f : 0f;
            }
        }
        var face = relief.Face with { Crop = crop, Matte = matte };

        int BluePersonTexels(ModelBundle bundle)
        {
            var planes = bundle.Encoder.Encode(face);
            var r = planes.Layout.Resolution;
            return Enumerable.Range(0, r * r).Count(i =>
                ReliefV2Fixture.HalfThickness(planes, i % r, i / r) > 0 && ReliefV2Fixture.Colour(planes, i) is var c && c.Z > c.X);
        }
        var (with, without) = (BluePersonTexels(relief.Bundle), BluePersonTexels(_withoutFill));
        output.WriteLine($"person texels bluer than red: {with} with the fill, {without} without");
        Assert.True(without > 100, $"the strip should give the body {without} > 100 blue texels without the fill (is the test's strip inside the body?)");
        Assert.Equal(0, with);
    }

    /// <summary>
    /// On the portrait the fill recolours person texels at the silhouette, and none of the mesh landmarks the matte is
    /// sure of (all but the few on the face's outline): the face keeps the photo's colours.
    /// </summary>
    [Fact]
    public void RecoloursTheSilhouette_NotTheFace()
    {
        var plain = _withoutFill.Encoder.Encode(relief.Face);
        var (r, size) = (relief.Options.Resolution, relief.Face.Crop.Width);
        var changed = ReliefV2Fixture.ChangedColourTexels(relief.Planes, plain, 0.03f);
        var person = changed.Count(i => ReliefV2Fixture.HalfThickness(relief.Planes, i % r, i / r) > 0);
        var sure = relief.Face.Mesh!
            .Where(p => relief.Face.Matte![Math.Clamp((int)p.Y, 0, size - 1) * size + Math.Clamp((int)p.X, 0, size - 1)] >= 0.95f)
            .Select(p => relief.Texel(new(p.X, p.Y), relief.Options.FacePlaneZ)).Select(t => t.Row * r + t.Column).ToHashSet();
        output.WriteLine($"{person} person texel colours changed; {changed.Intersect(sure).Count()} of {sure.Count} texels at landmarks the matte is sure of");
        Assert.True(person > 100, $"only {person} person texel colours changed");
        Assert.True(sure.Count > 400, $"the matte is sure of only {sure.Count} landmark texels");
        Assert.Empty(changed.Intersect(sure));
    }
}
