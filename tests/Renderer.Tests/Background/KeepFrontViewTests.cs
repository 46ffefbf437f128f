using PortraitStream.Renderer.Background;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Imaging;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Renderer.Tests.Background;

/// <summary>
/// Keep seen from the input camera itself, through the composer (its silhouette anti-aliasing included), where the
/// render's silhouette does not follow the matte's ½ contour exactly: relief v2's is the matte resampled through its
/// grid, a pixel or two off.
/// </summary>
public sealed class KeepFrontViewTests
{
    private static readonly RenderingConfig Rendering = RenderingConfig.Eg3dFfhq;

    /// <summary>The crop's side and the matte's person disc, pixels.</summary>
    private const int Size = 128;
    private const float MatteRadius = 40f;

    /// <summary>Grey levels: a bright sky, a dark coat, a darker person.</summary>
    private const byte Sky = 210, Coat = 30, Person = 20;

    /// <summary>
    /// Regression (issue #12, cameraman.png: thin white outlines over the dark coat wherever the matte's edge ran): a
    /// dark person in a dark coat under a bright sky, the matte unsure of the coat (0.4: not the person, not a source
    /// for the hole fill either, so the fill is the sky's colour) and the render's silhouette two pixels inside the
    /// matte's edge. From the input camera the composite is the input everywhere: the ring between the silhouette
    /// and the matte's edge shows what the camera saw there, not the hole's bright fill.
    /// </summary>
    [Fact]
    public void FrontView_SilhouetteInsideTheMatte_ShowsTheInputNotTheFill()
    {
        var (crop, matte) = DarkPersonInADarkCoat();
        var target = RenderedPerson(MatteRadius - 2f);

        new BackgroundComposer().Compose(target, BackgroundChoice.Keep, CameraView.Front, new FarLayerSource(crop, matte, Rendering),
            transparentRemove: false);

        var worst = 0;
        var at = (X: 0, Y: 0);
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                var i = y * Size + x;
                var difference = Math.Abs(target.Rgba[4 * i] - crop.Pixels[3 * i]);
                if (difference > worst)
                {
                    (worst, at) = (difference, (x, y));
                }
            }
        }
        Assert.True(worst <= 3, $"the front view differs from the input by {worst} levels at ({at.X}, {at.Y})");
    }

    /// <summary>
    /// A turned view still looks behind the person at the hole's fill, not at a flat copy of them: at 10° of yaw the
    /// plane and the person's depth lie pixels apart, and the gaps beside the silhouette show the sky-coloured fill.
    /// </summary>
    [Fact]
    public void TurnedView_StillShowsTheFillBehindThePerson()
    {
        var (crop, matte) = DarkPersonInADarkCoat();
        var target = SyntheticCrop.Transparent(Size);

        FarLayer.Build(crop, matte, Rendering, blurred: false).CompositeUnder(target, PinholeCamera.For(new CameraView(10f, 0f), Rendering, Size, Size));

        // The disc's centre, seen through the transparent render, is deep in the hole: the fill, far brighter than the person.
        var centre = Size / 2 * Size + Size / 2;
        Assert.True(target.Rgba[4 * centre] > 2 * Person, $"the hole's centre shows {target.Rgba[4 * centre]}, the person is {Person}");
    }

    /// <summary>
    /// Sky above the middle row, the coat below; a person disc of radius <see cref="MatteRadius"/> at the centre
    /// (matte 1), the coat's matte 0.4, the sky's 0.
    /// </summary>
    private static (RgbImage Crop, float[] Matte) DarkPersonInADarkCoat()
    {
        var crop = new RgbImage(Size, Size);
        var matte = new float[Size * Size];
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                var person = Distance(x, y) < MatteRadius;
                var coat = y >= Size / 2;
                matte[y * Size + x] = person ? 1f : coat ? 0.4f : 0f;
                crop.Pixel(x, y).Fill(person ? Person : coat ? Coat : Sky);
            }
        }
        return (crop, matte);
    }

    /// <summary>The person's render: opaque <see cref="Person"/> (premultiplied, alpha 255) inside <paramref name="radius"/>, transparent outside.</summary>
    private static RenderTarget RenderedPerson(float radius)
    {
        var target = RenderTarget.Allocate(Size, Size);
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                if (Distance(x, y) < radius)
                {
                    var p = 4 * (y * Size + x);
                    (target.Rgba[p], target.Rgba[p + 1], target.Rgba[p + 2], target.Rgba[p + 3]) = (Person, Person, Person, 255);
                }
            }
        }
        return target;
    }

    private static float Distance(int x, int y) => MathF.Sqrt(Square(x + 0.5f - Size / 2f) + Square(y + 0.5f - Size / 2f));

    private static float Square(float x) => x * x;
}
