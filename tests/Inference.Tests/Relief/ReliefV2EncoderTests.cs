using System.Numerics;
using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Relief;
using PortraitStream.Inference.Relief.V2;
using PortraitStream.Renderer.Scene;
using Xunit.Abstractions;

namespace PortraitStream.Inference.Tests.Relief;

/// <summary>Relief v2's geometry from the committed portrait's own face mesh and matte.</summary>
public sealed class ReliefV2EncoderTests(ReliefV2Fixture relief, ITestOutputHelper output) : IClassFixture<ReliefV2Fixture>
{
    // MediaPipe face-mesh landmarks: nose tip, the face's sides at ear level, chin, the cheeks' middles.
    private const int NoseTip = 1, RightFaceSide = 234, LeftFaceSide = 454, Chin = 152, RightCheek = 205, LeftCheek = 425;

    [Fact]
    public void Generation_IsDeterministic()
    {
        var first = ReliefV2Bundle.Generate(ReliefOptions.Default);
        var second = ReliefV2Bundle.Generate(ReliefOptions.Default);
        Assert.Equal(first.Keys.Order(), second.Keys.Order());
        Assert.All(first, file => Assert.Equal(file.Value, second[file.Key]));
    }

    /// <summary>The room is not in the volume: the plane's corners (background in the photo) are empty columns; the face is solid.</summary>
    [Fact]
    public void Background_IsEmpty_ThePersonIsSolid()
    {
        var r = relief.Options.Resolution;
        foreach (var (column, row) in new[] { (2, r - 3), (r - 3, r - 3) })
        {
            Assert.True(ReliefV2Fixture.HalfThickness(relief.Planes, column, row) < -0.05f);
        }
        var nose = relief.Face.Mesh![NoseTip];
        var (noseColumn, noseRow) = relief.Texel(new Vector2(nose.X, nose.Y), relief.Options.FacePlaneZ);
        Assert.True(ReliefV2Fixture.HalfThickness(relief.Planes, noseColumn, noseRow) > 0.05f);
    }

    /// <summary>
    /// The face has the mesh's relief: the nose tip stands in front of the face's sides and the chin by at least half
    /// of what the mesh itself says (the surface is a smoothed interpolation, and the sides blend into the hair).
    /// </summary>
    [Fact]
    public void NoseTip_StandsInFrontOfTheFacesSidesAndChin_AsTheMeshSays()
    {
        var mesh = relief.Face.Mesh!;
        float MeshAhead(int landmark) => (mesh[landmark].Z - mesh[NoseTip].Z) * WorldPerPixel;
        var nose = FrontAt(relief.Planes, NoseTip);
        foreach (var landmark in new[] { RightFaceSide, LeftFaceSide, Chin })
        {
            var (surface, expected) = (nose - FrontAt(relief.Planes, landmark), MeshAhead(landmark));
            output.WriteLine($"nose ahead of landmark {landmark}: surface {surface:F3}, mesh {expected:F3}");
            Assert.True(surface > 0.5f * expected && expected > 0.02f, $"landmark {landmark}: surface {surface:F3}, mesh {expected:F3}");
        }
    }

    /// <summary>Per-person geometry: a mesh whose nose stands 2 cm further out gives a surface that does too.</summary>
    [Fact]
    public void TheSurface_FollowsTheMesh()
    {
        var mesh = relief.Face.Mesh!;
        var nose = mesh[NoseTip];
        // Landmarks within 8 crop pixels of the nose tip come 6 px (≈ 2 cm at this crop's scale) nearer the camera.
        var longer = mesh.Select(p => Vector2.Distance(new(p.X, p.Y), new(nose.X, nose.Y)) < 8f ? p with { Z = p.Z - 6f } : p).ToArray();
        var planes = relief.Bundle.Encoder.Encode(relief.Face with { Mesh = longer });
        var (before, after) = (FrontAt(relief.Planes, NoseTip), FrontAt(planes, NoseTip));
        output.WriteLine($"nose front z {before:F4} → {after:F4}");
        Assert.True(after - before > 0.005f, $"nose front moved {after - before:F4}");
    }

    /// <summary>
    /// Around the nose, eyes and mouth the surface has the mesh's shape, not a flattened one: over the landmarks within
    /// 0.4 and 0.8 of the face's half-width from the nose tip, the surface's depths regress on the mesh's (times the
    /// depth gain) with a slope of at least 0.6 and 0.8 (0.66 and 0.86 measured; 0.53 and 0.74 before the depths were
    /// compensated for the interpolation's averaging) and at most 1.1.
    /// </summary>
    [Theory]
    [InlineData(0.4f, 0.6f)]
    [InlineData(0.8f, 0.8f)]
    public void TheFace_HasTheMeshsRelief_NotAFlattenedOne(float reach, float minSlope)
    {
        var mesh = relief.Face.Mesh!;
        var nose = mesh[NoseTip];
        var halfWidth = 0.5f * MathF.Abs(mesh[LeftFaceSide].X - mesh[RightFaceSide].X);
        var inner = Enumerable.Range(0, mesh.Length).Where(i => Vector2.Distance(new(mesh[i].X, mesh[i].Y), new(nose.X, nose.Y)) < reach * halfWidth).ToArray();
        var surface = inner.Select(i => (double)FrontAt(relief.Planes, i)).ToArray();
        var expected = inner.Select(i => (double)(-mesh[i].Z * WorldPerPixel * ReliefV2Geometry.MeshDepthGain)).ToArray();
        double meanExpected = expected.Average(), meanSurface = surface.Average();
        var slope = expected.Zip(surface, (e, s) => (e - meanExpected) * (s - meanSurface)).Sum() / expected.Sum(e => (e - meanExpected) * (e - meanExpected));
        output.WriteLine($"{inner.Length} landmarks within {reach} of the half-width: slope {slope:F3}");
        Assert.InRange(slope, minSlope, 1.1);
    }

    /// <summary>
    /// A turned head's tilt is built as the mesh has it; only the face's shape is deepened (by the depth gain, 1.35).
    /// The mesh given a depth ramp across the face (its left side 0.3 crop pixels deeper per pixel, about a 17° turn)
    /// moves the surface's depth between the cheeks by 0.92 of the ramp (bound 0.85–1.05); the graph before, which
    /// deepened the tilt with the shape, moved it 1.11 of the ramp, building the head turned further than the photo.
    /// </summary>
    [Fact]
    public void AHeadsTilt_IsBuiltAsTheMeshHasIt_NotDeepened()
    {
        const float slope = 0.3f;
        var mesh = relief.Face.Mesh!;
        var nose = mesh[NoseTip];
        var tilted = relief.Bundle.Encoder.Encode(relief.Face with { Mesh = mesh.Select(p => p with { Z = p.Z + slope * (p.X - nose.X) }).ToArray() });
        float Across(Triplanes planes) => FrontAt(planes, LeftCheek) - FrontAt(planes, RightCheek);
        var ramp = -slope * (mesh[LeftCheek].X - mesh[RightCheek].X) * WorldPerPixel;

        var moved = (Across(tilted) - Across(relief.Planes)) / ramp;

        output.WriteLine($"the cheeks' depth difference moved {moved:F3} of the ramp ({ramp:F4} world units)");
        Assert.InRange(moved, 0.85f, 1.05f);
    }

    /// <summary>World units per crop pixel on the face plane (the mesh's x, y and z are in crop pixels).</summary>
    private float WorldPerPixel => (relief.Options.CameraRadius - relief.Options.FacePlaneZ) / relief.Options.FocalLength / relief.Face.Crop.Width;

    /// <summary>The front surface's depth in <paramref name="planes"/> at the texel under the committed face's <paramref name="landmark"/>.</summary>
    private float FrontAt(Triplanes planes, int landmark)
    {
        var point = relief.Face.Mesh![landmark];
        var (column, row) = relief.Texel(new Vector2(point.X, point.Y), relief.Options.FacePlaneZ);
        return ReliefV2Fixture.Front(planes, column, row);
    }

    [Fact]
    public void AFaceWithoutItsMeshOrMatte_IsRefusedByName()
    {
        var noMesh = Assert.Throws<ArgumentException>(() => relief.Bundle.Encoder.Encode(relief.Face with { Mesh = null }));
        Assert.Contains("face mesh", noMesh.Message);
        var noMatte = Assert.Throws<ArgumentException>(() => relief.Bundle.Encoder.Encode(relief.Face with { Matte = null }));
        Assert.Contains("person matte", noMatte.Message);
        var shortMatte = Assert.Throws<ArgumentException>(() => relief.Bundle.Encoder.Encode(
            relief.Face.Crop, FaceParameters.ToMesh468(relief.Face), new float[10], new Triplanes(relief.Bundle.Layout)));
        Assert.Contains("person matte of 65536 values", shortMatte.Message);
    }

    /// <summary>A face cut for relief v2 (mesh and matte on it) still encodes with v1, which takes neither.</summary>
    [Fact]
    public void AFaceCarryingMeshAndMatte_EncodesWithV1Too()
    {
        using var v1 = ModelBundle.Load(ReliefBundle.Default, TestData.Sessions);
        var planes = v1.Encoder.Encode(relief.Face);
        Assert.Equal(ReliefChannels.Count, planes.Layout.Channels);
    }

    /// <summary>A matte that is not a probability (NaN, out of range) is clamped, not passed on as NaN geometry.</summary>
    [Fact]
    public void ABrokenMatte_GivesFiniteTriplanes()
    {
        var matte = relief.Face.Matte!.Select((v, i) => i % 3 == 0 ? float.NaN : i % 3 == 1 ? 5f : -5f).ToArray();
        var planes = relief.Bundle.Encoder.Encode(relief.Face with { Matte = matte });
        Assert.All(planes.Data.ToArray(), v => Assert.True(float.IsFinite(v)));
    }
}
