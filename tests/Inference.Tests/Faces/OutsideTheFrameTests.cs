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
        var picture = TestData.PortraitRows(70, 512);
        var face = Align(picture);
        var edge = (int)TopEdgeRow(face);
        var matte = OutsideTheFrame.ContinueMatte(_matte.SegmentPixels(face.Crop), Size, face.CropToImage, picture.Width, picture.Height);
        var washed = Copy(face.Crop);
        OutsideTheFrame.FillByMatte(face.Crop, matte, face.CropToImage, picture.Width, picture.Height);

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
