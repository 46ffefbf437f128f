using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Imaging;
using PortraitStream.Inference.Relief.V2;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Inference.Tests.Faces;

/// <summary>The camera picture around an aligned crop, as relief v2's encoder takes it beside the crop.</summary>
public sealed class CropSurroundTests
{
    private const int Size = 64;

    /// <summary>A surround over two crop sides holds the crop in its middle half, at half the crop's resolution.</summary>
    [Fact]
    public void ItsMiddleHalf_IsTheCropAtHalfItsResolution()
    {
        var photo = TestData.Portrait;
        var cropToImage = AffineTransform2D.SquareCrop(photo.Width / 2f, photo.Height / 2f, photo.Width / 3f, 0.2f, Size);
        var crop = ImageWarp.Crop(photo, cropToImage, Size);
        var surround = CropSurround.Cut(photo, cropToImage, Uniform(0.5f), Size, 2f);

        double squares = 0;
        for (var y = 0; y < Size / 2; y++)
        {
            for (var x = 0; x < Size / 2; x++)
            {
                for (var c = 0; c < 3; c++)
                {
                    var halved = (crop.Pixel(2 * x, 2 * y)[c] + crop.Pixel(2 * x + 1, 2 * y)[c] + crop.Pixel(2 * x, 2 * y + 1)[c] + crop.Pixel(2 * x + 1, 2 * y + 1)[c]) / 4.0;
                    var difference = surround.Picture.Pixel(Size / 4 + x, Size / 4 + y)[c] - halved;
                    squares += difference * difference;
                }
            }
        }
        // Both are box-averaged and resampled from the photo, on different grids: alike, not equal.
        var psnr = 10 * Math.Log10(255.0 * 255.0 / (squares / (3 * Size * Size / 4)));
        Assert.True(psnr >= 30, $"the surround's middle is {psnr:F1} dB from the crop halved");
        Assert.All(surround.Inside, inside => Assert.Equal(1f, inside));
        Assert.All(surround.Person, person => Assert.Equal(0.5f, person, 1e-5f));
    }

    /// <summary>
    /// A crop at the picture's top-left corner: the surround's pixels beyond the picture are marked outside it, black and
    /// not the person (OpenCV continued the picture's edge there); those inside read the picture and its matte.
    /// </summary>
    [Fact]
    public void BeyondThePicturesEdge_NothingIsKnown()
    {
        var grey = new RgbImage(200, 200);
        Array.Fill(grey.Pixels, (byte)128);
        var surround = CropSurround.Cut(grey, AffineTransform2D.Identity, Uniform(0.75f), Size, 2f);
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                // Surround pixel p lies at crop (and picture) point 2p − Size / 2: before the picture for p < Size / 4.
                var inside = x >= Size / 4 && y >= Size / 4;
                var i = y * Size + x;
                Assert.Equal(inside ? 1f : 0f, surround.Inside[i]);
                Assert.Equal(inside ? 0.75f : 0f, surround.Person[i], 1e-5f);
                Assert.Equal(inside ? 128 : 0, surround.Picture.Pixel(x, y)[1]);
            }
        }
    }

    /// <summary>
    /// Cut into the buffers of one cut before (a crop inside the picture, then one at its corner), the surround is the
    /// one a fresh cut gives, pixels outside the picture included.
    /// </summary>
    [Fact]
    public void IntoARecycledSurround_IsTheSameAsAFreshOne()
    {
        var photo = TestData.Portrait;
        var matte = Uniform(0.5f);
        var earlier = CropSurround.Cut(photo, AffineTransform2D.SquareCrop(photo.Width / 2f, photo.Height / 2f, photo.Width / 3f, 0f, Size), matte, Size, 2f);
        var corner = AffineTransform2D.SquareCrop(photo.Width / 8f, photo.Height / 8f, photo.Width / 3f, 0.3f, Size);
        var fresh = CropSurround.Cut(photo, corner, matte, Size, 2f);
        var recycled = CropSurround.Cut(photo, corner, matte, Size, 2f, earlier);

        Assert.Same(earlier.Picture, recycled.Picture);
        Assert.Same(earlier.Person, recycled.Person);
        Assert.Equal(fresh.Picture.Pixels, recycled.Picture.Pixels);
        Assert.Equal(fresh.Person, recycled.Person);
        Assert.Equal(fresh.Inside, recycled.Inside);
        Assert.Contains(0f, fresh.Inside);
        // Of another size it is not reused.
        Assert.NotSame(earlier.Picture, CropSurround.Cut(photo, corner, matte, Size / 2, 2f, earlier).Picture);
    }

    /// <summary>
    /// A matte run on an earlier frame, read through that frame's crop, moves with the face: the person sliding 40 pixels
    /// to the right (the picture and the crop with them) keeps the surround's person where a cut on the earlier frame has
    /// it; read through the current crop, it stays behind.
    /// </summary>
    [Fact]
    public void AMatteFromAnEarlierFrame_MovesWithTheFace()
    {
        var photo = TestData.Portrait;
        const int shift = 40;
        var moved = new RgbImage(photo.Width, photo.Height);
        for (var y = 0; y < photo.Height; y++)
        {
            photo.Pixels.AsSpan(y * photo.Stride, photo.Stride - shift * 3).CopyTo(moved.Pixels.AsSpan(y * photo.Stride + shift * 3));
        }
        // A person block on the left of the picture, where the surround reaches.
        var values = new float[64 * 64];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = i % 64 is >= 16 and < 40 ? 1f : 0f;
        }
        var matte = new PictureMatte(values, 64, 64);
        var earlier = AffineTransform2D.SquareCrop(photo.Width / 2f, photo.Height / 2f, photo.Width / 3f, 0f, Size);
        var now = AffineTransform2D.SquareCrop(photo.Width / 2f + shift, photo.Height / 2f, photo.Width / 3f, 0f, Size);

        var then = CropSurround.Cut(photo, earlier, matte, Size, 2f);
        var followed = CropSurround.Cut(moved, now, matte, Size, 2f, matteCropToImage: earlier);
        var left = CropSurround.Cut(moved, now, matte, Size, 2f);

        Assert.Equal(then.Person, followed.Person);
        Assert.NotEqual(then.Person, left.Person);
    }

    /// <summary>
    /// The picture's one person read at crop pixels, into a pooled buffer longer than the crop (ArrayPool rounds up):
    /// two people apart in a 10 × 6 matte over a 100 × 60 picture, the crop on the left one; the right one reads 0.
    /// </summary>
    [Fact]
    public void OnePersonMatte_ReadsTheOneTheCropIsCentredOn()
    {
        var values = new float[10 * 6];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = i % 10 is 1 or 2 or 7 or 8 ? 1f : 0f;
        }
        // A 7-pixel crop over picture pixels 10…24 (matte columns 1–2), centred on the left person.
        var cropToImage = new AffineTransform2D(2f, 0, 0, 2f, 10f, 20f);
        using var onePerson = new OnePersonMatte(new PictureMatte(values, 10, 6), cropToImage, 7, 100, 60);
        var read = new float[64];
        onePerson.ReadInto(read, 7, AffineTransform2D.Identity);
        Assert.True(read[3 * 7 + 3] > 0.9f, $"the person at the crop's centre reads {read[3 * 7 + 3]}");
        // Crop pixels over picture x ≥ 70 (matte columns 7–8): the other person, taken out.
        var far = new float[64];
        onePerson.ReadInto(far, 7, new AffineTransform2D(1, 0, 0, 1, 30f, 0));
        Assert.All(far.Take(49), value => Assert.Equal(0f, value));
    }

    /// <summary>
    /// For an encoder that takes the surround, the encoder's inputs carry it and the whole picture's matte it was read
    /// from, even when the background does not show the room.
    /// </summary>
    [Fact]
    public void AnEncoderTakingTheSurround_GetsItWhateverTheBackground()
    {
        using var bundle = ModelBundle.Load(ReliefV2Bundle.Default, TestData.Sessions);
        using var detector = new BlazeFaceDetector(TestData.Sessions);
        using var inputs = new EncoderInputs(TestData.Sessions);
        var photo = TestData.Portrait;
        var face = FaceAligner.Align(photo, Assert.Single(detector.Detect(photo)), bundle.Encoder.InputSize, bundle.Manifest.Encoder.Framing);
        var completed = inputs.Complete(face, photo, bundle.Encoder, withPictureMatte: false);
        var surround = Assert.IsType<CropSurround>(completed.Surround);
        Assert.NotNull(completed.PictureMatte);
        Assert.Equal((bundle.Encoder.InputSize, 2f), (surround.Picture.Width, surround.Span));
        // The portrait's picture reaches past the crop's sides, and the person goes on below it.
        Assert.Contains(surround.Inside.Select((inside, i) => (inside, i)), pixel => pixel.inside == 1f && pixel.i % Size < Size / 4);
        Assert.True(surround.Person[(bundle.Encoder.InputSize - 1) * bundle.Encoder.InputSize + bundle.Encoder.InputSize / 2] > 0.5f,
            "the body below the crop is not the person in the surround");
    }

    private static PictureMatte Uniform(float person) => new(Enumerable.Repeat(person, 16).ToArray(), 4, 4);
}
