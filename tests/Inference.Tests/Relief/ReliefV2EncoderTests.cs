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
    // MediaPipe face-mesh landmarks: nose tip, the face's sides at ear level, chin.
    private const int NoseTip = 1, RightFaceSide = 234, LeftFaceSide = 454, Chin = 152;

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
        var worldPerPixel = (relief.Options.CameraRadius - relief.Options.FacePlaneZ) / relief.Options.FocalLength / relief.Face.Crop.Width;
        float FrontAt(int landmark)
        {
            var (column, row) = relief.Texel(new Vector2(mesh[landmark].X, mesh[landmark].Y), relief.Options.FacePlaneZ);
            return ReliefV2Fixture.Front(relief.Planes, column, row);
        }
        float MeshAhead(int landmark) => (mesh[landmark].Z - mesh[NoseTip].Z) * worldPerPixel;
        var nose = FrontAt(NoseTip);
        foreach (var landmark in new[] { RightFaceSide, LeftFaceSide, Chin })
        {
            var (surface, expected) = (nose - FrontAt(landmark), MeshAhead(landmark));
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
        var (column, row) = relief.Texel(new Vector2(nose.X, nose.Y), relief.Options.FacePlaneZ);
        var before = ReliefV2Fixture.Front(relief.Planes, column, row);
        var after = ReliefV2Fixture.Front(planes, column, row);
        output.WriteLine($"nose front z {before:F4} → {after:F4}");
        Assert.True(after - before > 0.005f, $"nose front moved {after - before:F4}");
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
