using PortraitStream.Inference.Imaging;
using PortraitStream.Renderer.Background;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Imaging;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Renderer.Tests.Background;

/// <summary>
/// The keep layer with the camera picture around the crop (<see cref="FarLayerSurround"/>): a turned view that looks
/// past the crop's edge shows the room that is there in the picture, never the person beyond the crop, and fills what
/// lies beyond the picture itself from the room.
/// </summary>
public sealed class FarLayerSurroundTests
{
    private const int Side = SyntheticCrop.Size;
    private static readonly RenderingConfig Rendering = RenderingConfig.Eg3dFfhq;
    private static readonly byte[] Red = [230, 20, 20], Grey = [128, 128, 128], Blue = [20, 20, 230], Green = [20, 230, 20], Yellow = [230, 230, 20];

    /// <summary>A 3S × 3S picture, each pixel coloured by <paramref name="colour"/>, whose centre square is the crop.</summary>
    private static (RgbImage Frame, RgbImage Crop, AffineTransform2D CropToFrame) Picture(Func<int, int, byte[]> colour)
    {
        var frame = new RgbImage(3 * Side, 3 * Side);
        for (var y = 0; y < frame.Height; y++)
        {
            for (var x = 0; x < frame.Width; x++)
            {
                colour(x, y).CopyTo(frame.Pixel(x, y));
            }
        }
        var crop = new RgbImage(Side, Side);
        for (var y = 0; y < Side; y++)
        {
            frame.Pixels.AsSpan((y + Side) * frame.Stride + Side * 3, crop.Stride).CopyTo(crop.Pixels.AsSpan(y * crop.Stride));
        }
        return (frame, crop, new AffineTransform2D(1, 0, 0, 1, Side, Side));
    }

    /// <summary>The layer under a transparent target seen from <paramref name="view"/>, with each pixel's crop point on the plane.</summary>
    private static (RenderTarget Target, List<(int Pixel, float U, float V)> Points) Look(FarLayerSource source, CameraView view, bool blurred = false)
    {
        var target = SyntheticCrop.Transparent();
        var layer = FarLayer.Build(source, blurred, recycle: null);
        var camera = PinholeCamera.For(view, Rendering, target.Width, target.Height);
        layer.CompositeUnder(target, camera);
        var map = new FarPlaneMap(camera, PinholeCamera.For(CameraView.Front, Rendering, Side, Side), layer.Depth);
        var points = new List<(int, float, float)>();
        for (var y = 0; y < target.Height; y++)
        {
            for (var x = 0; x < target.Width; x++)
            {
                if (map.TryMap(x + 0.5f, y + 0.5f, out var u, out var v))
                {
                    points.Add((y * target.Width + x, u, v));
                }
            }
        }
        return (target, points);
    }

    private static byte[] Rgb(RenderTarget target, int pixel) => target.Rgba.AsSpan(4 * pixel, 3).ToArray();

    /// <summary>
    /// Red room left of the crop, blue right of it, the crop itself grey: turned to look past the crop's right edge, the
    /// view shows the blue the picture has there (blurred too); without the surround, only the crop's own grey continued.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TurnedView_ShowsThePicturesRoomBeyondTheCrop(bool blurred)
    {
        var (frame, crop, cropToFrame) = Picture((x, _) => x < Side ? Red : x < 2 * Side ? Grey : Blue);
        var plain = new FarLayerSource(crop, null, Rendering);
        var surrounded = plain with { Surround = new FarLayerSurround(frame, cropToFrame, ImageWarp.Warp) };
        var view = new CameraView(-40f, 0f);

        int Bluish(FarLayerSource source)
        {
            var (target, points) = Look(source, view, blurred);
            var beyond = points.Where(p => p.U > 1.25f * Side && p.U < 1.9f * Side).ToList();
            Assert.True(beyond.Count > 200, $"only {beyond.Count} pixels look past the crop's right edge");
            return beyond.Count(p => Rgb(target, p.Pixel) is var c && c[2] > 200 && c[0] < 60);
        }
        var (with, without) = (Bluish(surrounded), Bluish(plain));
        Assert.Equal(0, without);
        Assert.True(with > 200, $"{with} blue pixels past the crop's edge with the surround");
    }

    /// <summary>
    /// A green torso runs from the crop's bottom half down out of it over a blue room; the matte has it inside the
    /// crop. Looking past the crop's bottom edge, the wall shows the room, not a flat copy of the torso.
    /// </summary>
    [Fact]
    public void PersonBeyondTheCrop_IsNotCopiedOntoTheWall()
    {
        static bool Torso(int x, int y) => Math.Abs(x - 1.5f * Side) < Side / 4f && y >= 1.5f * Side;
        var (frame, crop, cropToFrame) = Picture((x, y) => Torso(x, y) ? Green : Blue);
        var matte = new float[Side * Side];
        for (var i = 0; i < matte.Length; i++)
        {
            matte[i] = Torso(i % Side + Side, i / Side + Side) ? 1f : 0f;
        }
        var source = new FarLayerSource(crop, matte, Rendering) { Surround = new FarLayerSurround(frame, cropToFrame, ImageWarp.Warp) };
        var (target, points) = Look(source, new CameraView(0f, 35f)); // pitched to look past the crop's bottom edge

        var below = points.Where(p => p.V > 1.2f * Side).ToList();
        Assert.True(below.Count > 200, $"only {below.Count} pixels look past the crop's bottom edge");
        var greenest = below.Max(p => Rgb(target, p.Pixel)[1]);
        Assert.True(greenest < 80, $"green up to {greenest} below the crop: the torso was copied onto the wall");
        Assert.All(below, p => Assert.True(Rgb(target, p.Pixel)[2] > 180, $"not the room's blue at crop point ({p.U:0}, {p.V:0})"));
    }

    /// <summary>
    /// Beyond the crop the whole picture's matte says where the person is. A blue room with a yellow poster below the
    /// crop's left; the person a green body from the crop's lower left straight down, and a red helmet she holds below
    /// its right, apart from the crop. The crop's matte continued from its edge makes the whole quadrant past its
    /// person corner the person (the poster filled over) and leaves the helmet on the wall; the picture's matte keeps
    /// the poster and takes the helmet off the wall.
    /// </summary>
    [Fact]
    public void PicturesMatte_KeepsTheRoomBeyondTheCrop_AndTakesThePersonOffTheWall()
    {
        static bool Within(int value, double from, double to) => value >= from * Side && value < to * Side;
        static bool Body(int x, int y) => Within(x, 1, 1.4) && y >= 1.7 * Side;
        static bool Helmet(int x, int y) => Within(x, 2.2, 2.7) && Within(y, 2.2, 2.7);
        static bool Poster(int x, int y) => Within(x, 0.3, 0.8) && Within(y, 2.2, 2.7);
        var (frame, crop, cropToFrame) = Picture((x, y) => Body(x, y) ? Green : Helmet(x, y) ? Red : Poster(x, y) ? Yellow : Blue);
        var matte = new float[Side * Side];
        for (var i = 0; i < matte.Length; i++)
        {
            matte[i] = Body(i % Side + Side, i / Side + Side) ? 1f : 0f;
        }
        var person = new float[frame.Width * frame.Height];
        for (var i = 0; i < person.Length; i++)
        {
            person[i] = Body(i % frame.Width, i / frame.Width) || Helmet(i % frame.Width, i / frame.Width) ? 1f : 0f;
        }
        var surround = new FarLayerSurround(frame, cropToFrame, ImageWarp.Warp);
        RgbImage Filled(FarLayerSurround around) =>
            FarLayer.Build(new FarLayerSource(crop, matte, Rendering) { Surround = around }, blurred: false, recycle: null).Filled.Surround!;

        // The filled surround covers the frame at a third of its scale: frame pixel (x, y) is its pixel (x / 3, y / 3).
        int Count(RgbImage filled, Func<int, int, bool> region, byte[] colour)
        {
            var count = 0;
            for (var y = 0; y < filled.Height; y++)
            {
                for (var x = 0; x < filled.Width; x++)
                {
                    var pixel = filled.Pixel(x, y).ToArray();
                    count += region(3 * x + 1, 3 * y + 1) && Enumerable.Range(0, 3).All(c => Math.Abs(pixel[c] - colour[c]) < 40) ? 1 : 0;
                }
            }
            return count;
        }
        var (guessed, measured) = (Filled(surround), Filled(surround with { Matte = new PictureMatte(person, frame.Width, frame.Height) }));
        var (posterGuessed, posterMeasured) = (Count(guessed, Poster, Yellow), Count(measured, Poster, Yellow));
        var (helmetGuessed, helmetMeasured) = (Count(guessed, Helmet, Red), Count(measured, Helmet, Red));

        Assert.True(posterGuessed < 10, $"{posterGuessed} poster pixels kept with the crop's matte continued");
        Assert.True(posterMeasured > 60, $"only {posterMeasured} poster pixels kept with the picture's matte");
        Assert.True(helmetGuessed > 60, $"only {helmetGuessed} helmet pixels on the wall with the crop's matte continued");
        Assert.Equal(0, helmetMeasured);
    }

    /// <summary>A picture no larger than the crop: what a turned view sees beyond it is the room's colour, not black.</summary>
    [Fact]
    public void BeyondThePicturesEdge_TheRoomContinues()
    {
        var (_, crop, _) = Picture((_, _) => Blue);
        var source = new FarLayerSource(crop, null, Rendering) { Surround = new FarLayerSurround(crop, AffineTransform2D.Identity, ImageWarp.Warp) };
        var (target, points) = Look(source, new CameraView(40f, 0f));

        var beyond = points.Where(p => p.U < -0.25f * Side).ToList();
        Assert.True(beyond.Count > 200, $"only {beyond.Count} pixels look past the picture's left edge");
        Assert.All(beyond, p => Assert.True(Rgb(target, p.Pixel)[2] > 200, $"crop point ({p.U:0}, {p.V:0}) is {string.Join(",", Rgb(target, p.Pixel))}"));
    }
}
