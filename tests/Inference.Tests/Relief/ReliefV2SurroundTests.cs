using System.Numerics;
using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Faces;
using PortraitStream.Renderer.Imaging;
using PortraitStream.Renderer.Scene;
using Xunit.Abstractions;

namespace PortraitStream.Inference.Tests.Relief;

/// <summary>
/// Relief v2 past the crop's edge takes the person's shape and colour from the camera picture around the crop (the
/// encoder's surround input), where the picture reaches: on the committed portrait the picture spans well past the crop.
/// </summary>
public sealed class ReliefV2SurroundTests(ReliefV2Fixture relief, ITestOutputHelper output) : IClassFixture<ReliefV2Fixture>
{
    // MediaPipe face-mesh landmarks: the right eye's outer corner and the chin.
    private const int RightEyeOuter = 33, Chin = 152;

    [Fact]
    public void TheV2Bundle_TakesTwoCropSidesOfThePictureAroundTheCrop()
    {
        Assert.Equal(new SurroundInputSpec("surround", 2f), relief.Bundle.Encoder.SurroundInput);
        var surround = Assert.IsType<CropSurround>(relief.Face.Surround);
        Assert.Equal((relief.Face.Crop.Width, 2f), (surround.Picture.Width, surround.Span));
    }

    /// <summary>
    /// Past the crop's left side the body is where the picture's matte says: the shoulder goes on where it says person
    /// and is gone where it says room, at the shoulder's rows and, past the cap the crop alone gets, at the eyes' too.
    /// </summary>
    [Fact]
    public void PastTheCropsSide_TheBodyIsWhereThePicturesMatteSays()
    {
        var (edge, _) = relief.Texel(new Vector2(0, 0), MidPlane);
        var outside = edge - (int)MathF.Round(0.05f / TexelSide);
        var (_, eyeRow) = relief.Texel(new Vector2(0, relief.Face.Mesh![RightEyeOuter].Y), MidPlane);
        var (_, chinRow) = relief.Texel(new Vector2(0, relief.Face.Mesh![Chin].Y), MidPlane);
        var shoulderRow = chinRow / 3;   // rows run up from the box's bottom

        var room = Encode(LeftOfTheCrop(0f));
        var person = Encode(LeftOfTheCrop(1f));
        var (roomShoulder, personShoulder) = (ReliefV2Fixture.HalfThickness(room, outside, shoulderRow), ReliefV2Fixture.HalfThickness(person, outside, shoulderRow));
        var (roomEyes, personEyes) = (ReliefV2Fixture.HalfThickness(room, outside, eyeRow), ReliefV2Fixture.HalfThickness(person, outside, eyeRow));
        output.WriteLine($"5 cm past the crop's left side (column {outside}): shoulder row {shoulderRow} {roomShoulder:F3} / {personShoulder:F3}, eye row {eyeRow} {roomEyes:F3} / {personEyes:F3} (room / person)");
        Assert.True(roomShoulder < 0f && roomEyes < 0f, "where the picture shows the room past the crop, the body goes on");
        Assert.True(personShoulder > 0f && personEyes > 0f, "where the picture shows the person past the crop, the body ends");
    }

    /// <summary>Past the crop's side the shoulder wears the picture's colours, and inside the crop nothing changes.</summary>
    [Fact]
    public void PastTheCropsSide_TheColourIsThePictures()
    {
        var surround = LeftOfTheCrop(1f);
        var blue = surround with { Picture = Painted(surround.Picture, 0, 0, 255) };
        var (plain, painted) = (Encode(surround), Encode(blue));

        var (edge, _) = relief.Texel(new Vector2(0, 0), MidPlane);
        var outside = edge - (int)MathF.Round(0.05f / TexelSide);
        var (_, chinRow) = relief.Texel(new Vector2(0, relief.Face.Mesh![Chin].Y), MidPlane);
        var shoulder = ReliefV2Fixture.Colour(painted, chinRow / 3 * relief.Options.Resolution + outside);
        output.WriteLine($"5 cm past the crop's left side, a shoulder row: colour {shoulder}");
        Assert.True(shoulder.Z > 0.8f && shoulder.X < 0.2f && shoulder.Y < 0.2f, $"the shoulder past the crop is {shoulder}, the picture there blue");

        // Inside the crop as the default camera sees the box's front (the nearest a surface gets), and beyond the
        // sharpening's reach (± 1 texel) of where it sees past the crop.
        var (inside, _) = relief.Texel(new Vector2(0, 0), relief.Options.BoxWarp / 2);
        var changed = ReliefV2Fixture.ChangedColourTexels(plain, painted, 0.02f).Select(i => i % relief.Options.Resolution).ToArray();
        output.WriteLine($"{changed.Length} texels changed colour, the innermost in column {changed.Max()}; the crop's edge at the box's front in column {inside}");
        Assert.True(changed.Max() <= inside + 2, $"a texel in column {changed.Max()}, inside the crop, changed colour");
    }

    /// <summary>
    /// Where the surround lies beyond the picture's edge (a crop at the picture's edge, or none given) the encoder knows
    /// nothing there and continues the crop as it does without a surround: bit for bit.
    /// </summary>
    [Fact]
    public void BeyondThePicturesEdge_TheCropGoesOnAsWithoutASurround()
    {
        var size = relief.Face.Crop.Width;
        var outsideThePicture = new CropSurround(new RgbImage(size, size), new float[size * size], new float[size * size], 2f);
        var (without, beyond) = (Encode(null), Encode(outsideThePicture));
        Assert.True(without.Data.AsSpan().SequenceEqual(beyond.Data));
        Assert.False(without.Data.AsSpan().SequenceEqual(relief.Planes.Data), "the portrait's own surround changed nothing");
    }

    /// <summary>A broken segmenter's NaN in the surround's matte is taken as "not the person": the triplanes stay finite, as with 0 there.</summary>
    [Fact]
    public void NaNInTheSurroundsMatte_LeavesTheTriplanesFinite()
    {
        var surround = relief.Face.Surround! with { Person = Enumerable.Repeat(float.NaN, relief.Face.Surround!.Person.Length).ToArray() };
        var planes = Encode(surround);
        Assert.All(planes.Data.ToArray(), value => Assert.True(float.IsFinite(value)));
        Assert.True(planes.Data.AsSpan().SequenceEqual(Encode(surround with { Person = new float[surround.Person.Length] }).Data));
    }

    [Fact]
    public void ASurroundOfAnotherSizeOrSpan_IsRefused()
    {
        var size = relief.Face.Crop.Width;
        var small = new CropSurround(new RgbImage(size / 2, size / 2), new float[size * size / 4], new float[size * size / 4], 2f);
        var wide = relief.Face.Surround! with { Span = 3f };
        Assert.Contains("surround", Assert.Throws<ArgumentException>(() => Encode(small)).Message);
        Assert.Contains("over 2 crop sides, got one over 3", Assert.Throws<ArgumentException>(() => Encode(wide)).Message);
    }

    private Triplanes Encode(CropSurround? surround) => relief.Bundle.Encoder.Encode(relief.Face with { Surround = surround });

    /// <summary>The portrait's surround with the person probability <paramref name="person"/> left of the crop.</summary>
    private CropSurround LeftOfTheCrop(float person)
    {
        var surround = relief.Face.Surround!;
        var values = surround.Person.ToArray();
        ForEachLeftOfTheCrop(i => values[i] = person, surround.Picture);
        return surround with { Person = values };
    }

    private static RgbImage Painted(RgbImage picture, byte r, byte g, byte b)
    {
        var painted = new RgbImage(picture.Width, picture.Height, picture.Pixels.ToArray());
        ForEachLeftOfTheCrop(i => (painted.Pixels[3 * i], painted.Pixels[3 * i + 1], painted.Pixels[3 * i + 2]) = (r, g, b), painted);
        return painted;
    }

    /// <summary>Each surround pixel left of the crop (a surround over 2 crop sides: its left quarter).</summary>
    private static void ForEachLeftOfTheCrop(Action<int> action, RgbImage surround)
    {
        for (var y = 0; y < surround.Height; y++)
        {
            for (var x = 0; x < surround.Width / 4; x++)
            {
                action(y * surround.Width + x);
            }
        }
    }

    private float TexelSide => relief.Options.BoxWarp / relief.Options.Resolution;

    /// <summary>The body's mid-plane depth c, where the geometry reads the matte (the crop's edge lies there).</summary>
    private float MidPlane => ReliefV2Fixture.Front(relief.Planes, 0, 0) - ReliefV2Fixture.HalfThickness(relief.Planes, 0, 0);
}
