using System.Numerics;
using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Relief;
using PortraitStream.Inference.Relief.V2;
using Xunit.Abstractions;

namespace PortraitStream.Inference.Tests.Relief;

/// <summary>
/// The colour fills sampling the crop only where they recolour (<see cref="ReliefV2SparseBlend"/>) give the triplanes of
/// the graph that samples the whole grid for each fill, bit for bit: on the committed portrait, on a face the mesh says
/// is turned (another body, so other texels to recolour), and on mattes that leave the fills nothing or everything to
/// recolour.
/// </summary>
public sealed class ReliefV2SparseBlendTests(ReliefV2Fixture relief, ITestOutputHelper output) : IClassFixture<ReliefV2Fixture>, IDisposable
{
    private readonly ModelBundle _dense = ReliefV2Fixture.Variant("relief-v2 with dense fills", ReliefOptions.Default with { SparseFills = false });
    private readonly ModelBundle _withoutFills = ReliefV2Fixture.Variant("relief-v2 without fills",
        ReliefOptions.Default with { ForegroundColour = false, GrazingFill = false });

    public void Dispose()
    {
        _dense.Dispose();
        _withoutFills.Dispose();
    }

    [Fact]
    public void CommittedPortrait_SameTriplanesAsTheDenseFills() => AssertSameAsDense(relief.Face, "committed portrait");

    /// <summary>The mesh turned 25° about the face's vertical axis: the body, and what the fills find edge-on, change.</summary>
    [Fact]
    public void MeshTurned_SameTriplanesAsTheDenseFills()
    {
        var mesh = relief.Face.Mesh!;
        var centre = mesh.Aggregate(Vector3.Zero, (sum, p) => sum + p) / mesh.Length;
        var turn = Matrix4x4.CreateRotationY(25f * MathF.PI / 180f);
        var turned = mesh.Select(p => Vector3.Transform(p - centre, turn) + centre).ToArray();
        AssertSameAsDense(relief.Face with { Mesh = turned }, "mesh turned 25°");
    }

    /// <summary>No person in the matte: the body shrinks to the face the mesh draws, other texels recoloured.</summary>
    [Fact]
    public void EmptyMatte_SameTriplanesAsTheDenseFills() =>
        AssertSameAsDense(relief.Face with { Matte = new float[relief.Face.Matte!.Length] }, "empty matte");

    /// <summary>A person filling the crop, edges wherever the matte's border meets the box.</summary>
    [Fact]
    public void FullMatte_SameTriplanesAsTheDenseFills() =>
        AssertSameAsDense(relief.Face with { Matte = Enumerable.Repeat(1f, relief.Face.Matte!.Length).ToArray() }, "full matte");

    /// <summary>Bad but finite meshes (every landmark on one pixel; the mesh thrown far outside the crop) stay finite and as dense.</summary>
    [Theory]
    [InlineData(0f)]
    [InlineData(1e4f)]
    public void DegenerateMesh_FiniteAndSameAsTheDenseFills(float offset)
    {
        var collapsed = relief.Face.Mesh!.Select(p => offset == 0 ? relief.Face.Mesh![1] : p + new Vector3(offset)).ToArray();
        var face = relief.Face with { Mesh = collapsed };
        Assert.All(relief.Bundle.Encoder.Encode(face).Data.ToArray(), v => Assert.True(float.IsFinite(v)));
        AssertSameAsDense(face, offset == 0 ? "mesh collapsed onto the nose tip" : $"mesh moved by {offset}");
    }

    private void AssertSameAsDense(AlignedFace face, string description)
    {
        var sparse = relief.Bundle.Encoder.Encode(face);
        var dense = _dense.Encoder.Encode(face);
        var recoloured = ReliefV2Fixture.ChangedColourTexels(dense, _withoutFills.Encoder.Encode(face), 0f).Count;
        var differing = sparse.Data.ToArray().Zip(dense.Data.ToArray()).Count(pair => BitConverter.SingleToInt32Bits(pair.First) != BitConverter.SingleToInt32Bits(pair.Second));
        output.WriteLine($"{description}: {recoloured} texels recoloured by the fills, {differing} triplane values differ from the dense graph's");
        Assert.Equal(0, differing);
    }
}
