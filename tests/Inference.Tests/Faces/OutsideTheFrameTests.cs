using System.Numerics;
using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Imaging;
using PortraitStream.Inference.Segmentation;
using PortraitStream.Renderer.Imaging;
using Xunit.Abstractions;

namespace PortraitStream.Inference.Tests.Faces;

/// <summary>
/// A face crop that reaches past the camera picture's edge: the committed portrait with its top 70 rows cut off (the
/// frame's top edge crosses the hair, as a webcam's does when the person sits close), or cut at the neck.
/// </summary>
public sealed class OutsideTheFrameTests(ITestOutputHelper output) : IDisposable
{
    private const int Size = 256;
    private readonly BlazeFaceDetector _detector = new(TestData.Sessions);
    private readonly PersonMatte _matte = new(TestData.Sessions);

    public void Dispose()
    {
        _detector.Dispose();
        _matte.Dispose();
    }

    private static RgbImage Copy(RgbImage image) => new(image.Width, image.Height, (byte[])image.Pixels.Clone());

    private AlignedFace Align(RgbImage picture) => FaceAligner.Align(picture, Assert.Single(_detector.Detect(picture)), Size, FaceFraming.Default);

    /// <summary>The crop row where the picture's top edge (y = 0) crosses the crop's middle column.</summary>
    private static float TopEdgeRow(AlignedFace face)
    {
        var toCrop = face.CropToImage.Inverse();
        var (cx, _) = face.CropToImage.Apply(Size / 2f, Size / 2f);
        return toCrop.Apply(cx, 0).Y;
    }

    [Fact]
    public void ACropInsideThePicture_IsLeftAsItIs()
    {
        var face = Align(TestData.Portrait);
        Assert.False(OutsideTheFrame.Reaches(face.CropToImage, Size, TestData.Portrait.Width, TestData.Portrait.Height));
        Assert.Equal(ImageWarp.Crop(TestData.Portrait, face.CropToImage, Size).Pixels, face.Crop.Pixels);
        var matte = _matte.SegmentPixels(face.Crop);
        Assert.Equal((float[])matte.Clone(), OutsideTheFrame.ContinueMatte(matte, Size, face.CropToImage, TestData.Portrait.Width, TestData.Portrait.Height));
    }

    /// <summary>
    /// Past the top edge the warp repeated the edge row: every column of hair became a streak to the crop's top. The
    /// fill is smooth: neighbouring columns there differ by a fraction of what the repeated rows did.
    /// </summary>
    [Fact]
    public void PastTheTopEdge_TheCropHasNoStreaks()
    {
        var picture = TestData.PortraitRows(70, 512);
        var face = Align(picture);
        var edge = (int)TopEdgeRow(face);
        Assert.InRange(edge, Size / 8, Size / 2);
        var repeated = ImageWarp.Crop(picture, face.CropToImage, Size);

        double Streakiness(RgbImage crop) => Enumerable.Range(0, edge - 2).Average(v =>
            Enumerable.Range(0, Size - 1).Average(u => Math.Abs(crop.Pixel(u + 1, v)[1] - crop.Pixel(u, v)[1])));
        var (before, after) = (Streakiness(repeated), Streakiness(face.Crop));
        output.WriteLine($"frame edge at crop row {edge}; mean step between neighbouring columns above it: repeated {before:F2}, filled {after:F2} levels");
        Assert.True(before > 2, $"the repeated rows are not streaky here ({before:F2}): the test's picture does not cut the hair");
        Assert.True(after < before / 4 && after < 1, $"filled rows step {after:F2} levels between columns (repeated: {before:F2})");
    }

    /// <summary>
    /// The matte past the top edge: the head goes on a little above the cut (a cap over the hair the edge crosses) and
    /// ends within <see cref="OutsideTheFrame.LongestCap"/> of it, not at the crop's top; the room beside stays room.
    /// </summary>
    [Fact]
    public void PastTheTopEdge_TheHeadEndsInACapJustAboveTheCut()
    {
        var picture = TestData.PortraitRows(70, 512);
        var face = Align(picture);
        var edge = TopEdgeRow(face);
        var matte = OutsideTheFrame.ContinueMatte(_matte.SegmentPixels(face.Crop), Size, face.CropToImage, picture.Width, picture.Height);
        float At(int u, float v) => matte[(int)v * Size + u];

        var centre = Size / 2;
        Assert.True(At(centre, edge + 2) > 0.9f, $"the hair at the cut is not the person: {At(centre, edge + 2):F2}");
        Assert.True(At(centre, edge - 3) > 0.9f, $"no cap just above the cut: {At(centre, edge - 3):F2}");
        var beyond = edge - OutsideTheFrame.LongestCap * Size - 3;
        Assert.True(beyond > 2, "the crop does not reach far enough past the cut for this test");
        var above = Enumerable.Range(0, (int)beyond).SelectMany(v => Enumerable.Range(0, Size).Select(u => At(u, v))).Max();
        output.WriteLine($"frame edge at crop row {edge:F1}; matte at the cut {At(centre, edge + 2):F2}, 3 rows above {At(centre, edge - 3):F2}, most above row {beyond:F0}: {above:F3}");
        Assert.True(above < 0.05f, $"the person goes on {OutsideTheFrame.LongestCap} crop sides past the cut: matte {above:F2}");
    }

    /// <summary>
    /// The committed portrait with its top <paramref name="cut"/> rows cut off, its matte continued past the cut: the
    /// frame edge's crop row, and how far above it (crop sides, at the crop's middle column) the cap stands and the hair
    /// the whole picture shows stood.
    /// </summary>
    private (float Edge, float Cap, float Hair, float[] Matte) CapOverCut(int cut)
    {
        var picture = TestData.PortraitRows(cut, 512);
        var face = Align(picture);
        var edge = TopEdgeRow(face);
        var matte = OutsideTheFrame.ContinueMatte(_matte.SegmentPixels(face.Crop), Size, face.CropToImage, picture.Width, picture.Height);
        var whole = _matte.SegmentPicture(TestData.Portrait);
        const int Centre = Size / 2;
        float Truth(int v)
        {
            var (x, y) = face.CropToImage.Apply(Centre + 0.5f, v + 0.5f);
            return whole.At(x, y + cut, TestData.Portrait.Width, TestData.Portrait.Height);
        }
        // The highest row still the person above the cut, walking up from it.
        int Top(Func<int, float> person)
        {
            var v = (int)edge;
            while (v > 0 && person(v - 1) >= 0.5f)
            {
                v--;
            }
            return v;
        }
        return (edge, (edge - Top(v => matte[v * Size + Centre])) / Size, (edge - Top(Truth)) / Size, matte);
    }

    /// <summary>
    /// The committed portrait with its top <paramref name="cut"/> rows cut off, its crop coloured past the cut by the
    /// matte continued there (<see cref="OutsideTheFrame.FillByMatte"/>): the face, the frame edge's crop row, and the
    /// crop as the aligner filled it before that.
    /// </summary>
    private (AlignedFace Face, int Edge, RgbImage Before) FilledOverCut(int cut)
    {
        var picture = TestData.PortraitRows(cut, 512);
        var face = Align(picture);
        var matte = OutsideTheFrame.ContinueMatte(_matte.SegmentPixels(face.Crop), Size, face.CropToImage, picture.Width, picture.Height);
        var before = Copy(face.Crop);
        OutsideTheFrame.FillByMatte(face.Crop, matte, face.CropToImage, picture.Width, picture.Height);
        return (face, (int)TopEdgeRow(face), before);
    }

    /// <summary>
    /// The cap stands about as high as the hair the frame cut off: the committed portrait's own hair, which the whole
    /// picture shows, reaches 0.25 crop sides above a cut at its fringe; the cap had stopped at 0.12, a flat bowl.
    /// </summary>
    [Fact]
    public void PastTheTopEdge_TheCapStandsAboutAsHighAsTheHairCutOff()
    {
        var (edge, cap, hair, _) = CapOverCut(70);
        output.WriteLine($"frame edge at crop row {edge:F1}; above it the cap stands {cap:F3} crop sides, the hair cut off {hair:F3}");
        Assert.True(hair > 0.15f, $"the hair cut off stands only {hair:F3} crop sides: the test's picture does not cut the head low enough");
        Assert.InRange(cap, 0.75f * hair, 1.1f * hair);
    }

    /// <summary>
    /// A frame edge that only grazes the crown (the portrait's top 40 rows cut off: its outline already closing in
    /// there) gets an arc about as low as the hair cut off, and inside the crop: the cap had stood to the crop's top,
    /// leaving the person at the crop's edge, which the relief carried on past it as a flat-topped nub on the head; and
    /// over the gaps between strands of hair in the edge row the head's middle had no cap at all.
    /// </summary>
    [Fact]
    public void PastTheTopEdge_ACutThroughTheCrown_GetsALowCapInsideTheCrop()
    {
        var (edge, cap, hair, matte) = CapOverCut(40);
        var cropTop = Enumerable.Range(0, Size).Max(u => matte[u]);
        output.WriteLine($"frame edge at crop row {edge:F1}; above it the cap stands {cap:F3} crop sides, the hair cut off {hair:F3}; the person at the crop's top row {cropTop:F2}");
        Assert.True(edge < OutsideTheFrame.LongestCap * Size, $"the crop reaches {edge:F0} rows past the cut: the test's picture is cut too low for a crown");
        Assert.InRange(cap, 0.5f * hair, 1.5f * hair);
        Assert.True(cropTop < 0.5f, $"the cap runs into the crop's top edge (matte {cropTop:F2} there)");
    }

    /// <summary>
    /// Under the cap the hair's texture goes on (the band just inside the cut folded outward), not one flat colour:
    /// the cap's rows just past the cut vary from pixel to pixel about as the hair's rows just inside it do.
    /// </summary>
    [Fact]
    public void UnderTheCap_TheHairsTextureGoesOn()
    {
        var (face, edge, _) = FilledOverCut(70);

        // Mean step in green between neighbouring pixels along rows [v0, v1), over the middle 60 columns.
        double Texture(int v0, int v1) => Enumerable.Range(v0, v1 - v0).Average(v =>
            Enumerable.Range(Size / 2 - 30, 60).Average(u => Math.Abs(face.Crop.Pixel(u + 1, v)[1] - face.Crop.Pixel(u, v)[1])));
        var (hair, cap) = (Texture(edge + 1, edge + 7), Texture(edge - 8, edge - 2));
        output.WriteLine($"mean step between neighbouring pixels: hair inside the cut {hair:F2}, the cap just past it {cap:F2} levels");
        Assert.True(hair > 3, $"the hair at the cut has no texture to go on ({hair:F2})");
        Assert.True(cap > 0.5 * hair, $"the cap is flat: {cap:F2} levels a step against the hair's {hair:F2}");
    }

    /// <summary>
    /// A cut just above the brows (the portrait's top 85 rows off, the fringe gone): the band the cap's texture is folded
    /// from holds the top of the brows, and folded outward they drew rows of eyebrows across a bald dome. Only what is
    /// like the edge's colour lends texture: the cap's rows differ from each other by less than half the brows' dip
    /// (without that, 17.9 levels against a dip of 20.4).
    /// </summary>
    [Fact]
    public void UnderTheCap_NoRowsOfEyebrows()
    {
        var (face, edge, _) = FilledOverCut(85);

        // Mean green over the face's middle 80 columns, per row.
        double Row(int v) => Enumerable.Range(Size / 2 - 40, 80).Average(u => face.Crop.Pixel(u, v)[1]);
        var band = Enumerable.Range(edge + 1, 6).Select(Row).ToArray();
        var cap = Enumerable.Range(edge - 12, 10).Select(Row).ToArray();
        var (lightest, brows) = (band.Max(), band.Min());
        output.WriteLine($"frame edge at crop row {edge}; rows just inside the cut {lightest:F1} to {brows:F1} (the brows), the cap's rows {cap.Min():F1} to {cap.Max():F1}");
        Assert.True(lightest - brows > 15, $"no brows in the band inside the cut ({brows:F1} against {lightest:F1}): the test's picture is not cut just above them");
        Assert.True(cap.Max() - cap.Min() < (lightest - brows) / 2, $"the cap's rows run from {cap.Min():F1} to {cap.Max():F1}: rows of brows (their dip {lightest - brows:F1})");
    }

    /// <summary>Past the bottom edge the body goes on as the matte has it at the edge.</summary>
    [Fact]
    public void PastTheBottomEdge_TheBodyGoesOn()
    {
        var picture = TestData.PortraitRows(0, 200);
        var face = Align(picture);
        Assert.True(OutsideTheFrame.Reaches(face.CropToImage, Size, picture.Width, picture.Height));
        var toCrop = face.CropToImage.Inverse();
        var (cx, _) = face.CropToImage.Apply(Size / 2f, Size / 2f);
        var edge = (int)toCrop.Apply(cx, picture.Height).Y;
        Assert.InRange(edge, Size / 2, Size - 8);
        var matte = OutsideTheFrame.ContinueMatte(_matte.SegmentPixels(face.Crop), Size, face.CropToImage, picture.Width, picture.Height);
        var atEdge = matte[(edge - 1) * Size + Size / 2];
        var below = Enumerable.Range(edge + 2, Size - edge - 2).Select(v => matte[v * Size + Size / 2]).Min();
        Assert.True(atEdge > 0.9f, $"the body at the bottom edge is not the person: {atEdge:F2}");
        Assert.True(below > 0.9f * atEdge, $"the body stops below the picture: {below:F2} (at the edge {atEdge:F2})");
    }

    /// <summary>
    /// Once the matte is known, the cap takes the hair's colour, not a wash of hair and wall: the pixels under it
    /// come out as close to the hair just inside the cut as the hair is to itself along the cut.
    /// </summary>
    [Fact]
    public void UnderTheCap_TheColourIsTheHairs()
    {
        var (face, edge, washed) = FilledOverCut(70);

        static Vector3 Mean(RgbImage crop, int v0, int v1)
        {
            var sum = Vector3.Zero;
            for (var v = v0; v < v1; v++)
            {
                for (var u = Size / 2 - 12; u < Size / 2 + 12; u++)
                {
                    var p = crop.Pixel(u, v);
                    sum += new Vector3(p[0], p[1], p[2]);
                }
            }
            return sum / ((v1 - v0) * 24);
        }
        var hair = Mean(face.Crop, edge + 1, edge + 5);
        var (cap, wash) = (Mean(face.Crop, edge - 6, edge - 2), Mean(washed, edge - 6, edge - 2));
        output.WriteLine($"hair inside the cut {hair}, under the cap {cap}, the plain fill there {wash}");
        Assert.True(Vector3.Distance(cap, hair) < 12f, $"the cap's colour {cap} is not the hair's {hair}");
        Assert.True(Vector3.Distance(cap, hair) < Vector3.Distance(wash, hair), "filling by the matte did not bring the cap nearer the hair");
    }
}
