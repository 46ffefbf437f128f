using System.Numerics;
using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Relief;
using PortraitStream.Inference.Relief.V2;
using PortraitStream.Renderer.Imaging;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Inference.Tests.Relief;

/// <summary>
/// Relief v2 on the committed portrait: BlazeFace → aligned crop → face mesh and person matte (<see cref="EncoderInputs"/>)
/// → the v2 encoder; with probes into the XY plane's mid-plane and half-thickness channels.
/// </summary>
public sealed class ReliefV2Fixture : IDisposable
{
    public ReliefV2Fixture()
    {
        Face = Prepare(TestData.Portrait);
        Planes = Bundle.Encoder.Encode(Face);
    }

    public ModelBundle Bundle { get; } = ModelBundle.Load(ReliefV2Bundle.Default, TestData.Sessions);

    public ReliefOptions Options { get; } = ReliefOptions.Default;

    public AlignedFace Face { get; }

    public Triplanes Planes { get; }

    /// <summary>The encoder's inputs for <paramref name="photo"/> (one face): its aligned crop, face mesh and matte.</summary>
    public AlignedFace Prepare(RgbImage photo)
    {
        using var detector = new BlazeFaceDetector(TestData.Sessions);
        var face = FaceAligner.Align(photo, Assert.Single(detector.Detect(photo)), Bundle.Encoder.InputSize, Bundle.Manifest.Encoder.Framing);
        using var inputs = new EncoderInputs(TestData.Sessions);
        return inputs.Complete(face, photo, Bundle.Encoder);
    }

    /// <summary>Relief v2 generated with <paramref name="options"/> (a fill switched off, to measure what it does).</summary>
    public static ModelBundle Variant(string description, ReliefOptions options) =>
        ModelBundle.Load(BundleFiles.FromMemory(description, ReliefV2Bundle.Generate(options)), TestData.Sessions);

    /// <summary>Half-thickness h at texel (column, row) of the XY plane; negative where the column is empty.</summary>
    public static float HalfThickness(Triplanes planes, int column, int row) =>
        planes.Channel(ReliefV2Channels.XyPlane, ReliefV2Channels.HalfThickness)[row * planes.Layout.Resolution + column];

    /// <summary>The front surface's world z at texel (column, row): c + h.</summary>
    public static float Front(Triplanes planes, int column, int row) =>
        -planes.Channel(ReliefV2Channels.XyPlane, ReliefV2Channels.Offset)[row * planes.Layout.Resolution + column] + HalfThickness(planes, column, row);

    /// <summary>The back surface's world z at texel (column, row): c − h.</summary>
    public static float Back(Triplanes planes, int column, int row) => Front(planes, column, row) - 2f * HalfThickness(planes, column, row);

    /// <summary>
    /// XY texels (row · R + column) whose decoded colour differs between <paramref name="a"/> and <paramref name="b"/> by
    /// more than <paramref name="threshold"/> in any channel (colours as EG3D's sigmoid gives them, 0…1).
    /// </summary>
    public static HashSet<int> ChangedColourTexels(Triplanes a, Triplanes b, float threshold)
    {
        var changed = new HashSet<int>();
        for (var channel = 0; channel < 3; channel++)
        {
            var (first, second) = (a.Channel(ReliefV2Channels.XyPlane, channel).ToArray(), b.Channel(ReliefV2Channels.XyPlane, channel).ToArray());
            for (var i = 0; i < first.Length; i++)
            {
                if (MathF.Abs(Sigmoid(first[i]) - Sigmoid(second[i])) > threshold)
                {
                    changed.Add(i);
                }
            }
        }
        return changed;
    }

    /// <summary>The decoded colour (0…1) of XY texel <paramref name="index"/> (row · R + column).</summary>
    public static Vector3 Colour(Triplanes planes, int index) => new(
        Sigmoid(planes.Channel(ReliefV2Channels.XyPlane, 0)[index]),
        Sigmoid(planes.Channel(ReliefV2Channels.XyPlane, 1)[index]),
        Sigmoid(planes.Channel(ReliefV2Channels.XyPlane, 2)[index]));

    private static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));

    /// <summary>The XY texel under crop pixel <paramref name="crop"/> lifted onto the world plane z = <paramref name="depth"/>.</summary>
    public (int Column, int Row) Texel(Vector2 crop, float depth)
    {
        var scale = (Options.CameraRadius - depth) / Options.FocalLength / Face.Crop.Width;
        var (x, y) = ((crop.X - Face.Crop.Width / 2f) * scale, (Face.Crop.Height / 2f - crop.Y) * scale);
        var r = Options.Resolution;
        int Index(float world) => Math.Clamp((int)MathF.Floor((world / Options.BoxWarp + 0.5f) * r), 0, r - 1);
        return (Index(x), Index(y));
    }

    public void Dispose() => Bundle.Dispose();
}
