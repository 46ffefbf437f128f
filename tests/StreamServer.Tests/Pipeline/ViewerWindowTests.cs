using System.Numerics;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Scene;
using PortraitStream.Server.Pipeline.Control;

namespace PortraitStream.Server.Tests.Pipeline;

/// <summary>
/// The headset pose → render camera mapping (issue #15 item 2): the portrait is a head seen through a window, life size,
/// <see cref="ViewerWindow.HeadDistanceMetres"/> ahead of the viewer's start position.
/// </summary>
public sealed class ViewerWindowTests
{
    private static readonly RenderingConfig Rendering = new();

    private static CameraPose CameraAt(Vector3 position) => CameraPose.LookAt(ViewerWindow.View(position, Quaternion.Identity, Rendering), Rendering);

    [Fact]
    public void StartPosition_IsTheModelsFrontView()
    {
        var view = ViewerWindow.View(Vector3.Zero, Quaternion.Identity, Rendering);
        Assert.Equal(0f, view.YawDegrees, 3);
        Assert.Equal(0f, view.PitchDegrees, 3);
        Assert.Equal(1f, view.Zoom, 4);
        Assert.Equal(1.3135f, ViewerWindow.HeadDistanceMetres(Rendering), 3);
    }

    [Fact]
    public void HeadMovesRight_CameraOrbitsTowardPlusX_AndStillLooksAtTheFace()
    {
        var front = CameraAt(Vector3.Zero);
        var right = CameraAt(new Vector3(0.2f, 0, 0));

        Assert.True(right.Origin.X > front.Origin.X + 0.3f, $"camera x {right.Origin.X}");
        // The camera turns back toward the head: it looks toward −x, at the face.
        Assert.True(right.Forward.X < -0.1f, $"forward {right.Forward}");
        var view = ViewerWindow.View(new Vector3(0.2f, 0, 0), Quaternion.Identity, Rendering);
        Assert.Equal(MathF.Atan2(0.2f, 1.3135f) * 180f / MathF.PI, view.YawDegrees, 1);
    }

    [Fact]
    public void HeadMovesUp_PitchRises_StepCloser_ZoomsIn()
    {
        Assert.True(ViewerWindow.View(new Vector3(0, 0.1f, 0), Quaternion.Identity, Rendering).PitchDegrees > 3f);
        Assert.True(ViewerWindow.View(new Vector3(0, -0.1f, 0), Quaternion.Identity, Rendering).PitchDegrees < -3f);
        // Half the distance to the head: twice the zoom.
        Assert.Equal(2f, ViewerWindow.View(new Vector3(0, 0, -1.3135f / 2), Quaternion.Identity, Rendering).Zoom, 2);
    }

    [Theory]
    [InlineData(5, 0, 0)]
    [InlineData(-5, 0, 0)]
    [InlineData(0, 5, 0)]
    [InlineData(0, 0, -1.3135)]
    [InlineData(0, 0, 9)]
    public void FarOrOddPositions_AreClampedToTheModelsRange(float x, float y, float z)
    {
        var view = ViewerWindow.View(new Vector3(x, y, z), Quaternion.Identity, Rendering);
        Assert.InRange(view.YawDegrees, -ViewerWindow.MaxAbsYawDegrees, ViewerWindow.MaxAbsYawDegrees);
        Assert.InRange(view.PitchDegrees, -ViewerWindow.MaxAbsPitchDegrees, ViewerWindow.MaxAbsPitchDegrees);
        Assert.InRange(view.Zoom, ViewerWindow.MinZoom, ViewerWindow.MaxZoom);
        view.Validate();
    }

    /// <summary>A model that declares a narrower range than the window's own (relief v1: ±30° / ±15°) keeps a far step inside it.</summary>
    [Fact]
    public void FarStep_StaysInsideTheModelsDeclaredViews()
    {
        var narrow = Rendering with { ViewRange = new ViewRange(30, 15) };
        var view = ViewerWindow.View(new Vector3(5, 5, 0), Quaternion.Identity, narrow);
        Assert.Equal((30f, 15f), (view.YawDegrees, view.PitchDegrees));
        var near = ViewerWindow.View(new Vector3(0.2f, 0, 0), Quaternion.Identity, narrow);
        Assert.Equal(ViewerWindow.View(new Vector3(0.2f, 0, 0), Quaternion.Identity, Rendering), near);
    }

    [Fact]
    public void StereoEyes_AreAnIpdApart_AlongTheCamerasRight()
    {
        var view = ViewerWindow.View(new Vector3(0.15f, 0.05f, -0.2f), Quaternion.Identity, Rendering);
        var mono = PinholeCamera.For(view, Rendering, 256, 256);
        var left = StereoRig.Default.Eye(mono, StereoEye.Left, Rendering);
        var right = StereoRig.Default.Eye(mono, StereoEye.Right, Rendering);

        var baseline = right.Pose.Origin - left.Pose.Origin;
        Assert.Equal(StereoRig.Default.IpdWorld, baseline.Length(), 5);
        Assert.Equal(1f, Vector3.Dot(Vector3.Normalize(baseline), mono.Pose.Right), 4);
        // In metres: 63 mm.
        Assert.Equal(0.063f, baseline.Length() * ViewerWindow.MetresPerWorldUnit, 4);
    }

    /// <summary>
    /// A tilted head tilts the stereo baseline (issue #15): the eyes lie along the head's own right axis, and a point of
    /// a plane in front of the face, projected by both eyes and read on the frame's quad (picture x along its right
    /// axis, y down its up axis), moves between the eyes horizontally with the head upright, vertically with the head
    /// rolled a quarter turn, by the same amount; an upright head renders as before. Head roll is about the viewing
    /// direction, local −z.
    /// </summary>
    [Theory]
    [InlineData(0f)]
    [InlineData(90f)]
    [InlineData(-90f)]
    [InlineData(30f)]
    public void TiltedHead_TiltsTheEyesBaseline(float rollDegrees)
    {
        var position = new Vector3(0.05f, 0.02f, 0.1f);
        var orientation = Quaternion.CreateFromAxisAngle(-Vector3.UnitZ, rollDegrees * MathF.PI / 180f);
        var view = ViewerWindow.View(position, orientation, Rendering);
        var upright = ViewerWindow.View(position, Quaternion.Identity, Rendering);
        Assert.Equal((upright.YawDegrees, upright.PitchDegrees, upright.Zoom), (view.YawDegrees, view.PitchDegrees, view.Zoom));

        var mono = PinholeCamera.For(view, Rendering, 256, 256);
        var left = StereoRig.Default.Eye(mono, StereoEye.Left, Rendering);
        var right = StereoRig.Default.Eye(mono, StereoEye.Right, Rendering);
        var baseline = Vector3.Normalize(right.Pose.Origin - left.Pose.Origin);
        var headRight = Vector3.Transform(Vector3.UnitX, orientation);
        Assert.True(Vector3.Dot(baseline, headRight) > 0.99f, $"baseline {baseline}, head's right {headRight}");

        // A point of a plane 0.3 units in front of the look-at point, toward the camera.
        var lookAt = new Vector3(Rendering.LookAt.X, Rendering.LookAt.Y, Rendering.LookAt.Z);
        var point = lookAt - 0.3f * mono.Pose.Forward;
        Assert.True(left.TryProject(point, out float lx, out float ly));
        Assert.True(right.TryProject(point, out float rx, out float ry));
        var quad = ViewerWindow.Quad(view, Rendering);
        var disparity = (lx - rx) * quad.Right - (ly - ry) * quad.Up;
        float depth = Vector3.Dot(point - mono.Pose.Origin, mono.Pose.Forward);
        float convergence = Vector3.Dot(lookAt - mono.Pose.Origin, mono.Pose.Forward);
        float expected = mono.FocalPixels * StereoRig.Default.IpdWorld * (1f / depth - 1f / convergence);
        Assert.Equal(expected, disparity.Length(), 2);
        Assert.True(Vector3.Dot(Vector3.Normalize(disparity), headRight) > 0.99f, $"disparity {disparity} on the quad, head's right {headRight}");
        if (rollDegrees == 0f)
        {
            Assert.Equal(upright, view);
            Assert.True(MathF.Abs(disparity.Y) < 1e-3f * expected, $"upright head, disparity {disparity}");
        }
        if (MathF.Abs(rollDegrees) == 90f)
        {
            Assert.True(MathF.Abs(disparity.Y) > 0.99f * disparity.Length(), $"head on its side, disparity {disparity}");
        }
    }

    [Fact]
    public void Quad_FacesTheCamera_AtTheFace_CoveringTheFrustum()
    {
        var position = new Vector3(0.1f, -0.05f, 0.3f);
        var view = ViewerWindow.View(position, Quaternion.Identity, Rendering);
        var quad = ViewerWindow.Quad(view, Rendering);

        // Unclamped: the picture was rendered from where the viewer is.
        Assert.Equal(0f, Vector3.Distance(position, quad.Camera), 3);
        var towardCentre = quad.Centre - quad.Camera;
        Assert.Equal(0f, Vector3.Dot(towardCentre, quad.Right), 4);
        Assert.Equal(0f, Vector3.Dot(towardCentre, quad.Up), 4);
        // The square's side is what the frustum spans at its distance: distance / normalised focal.
        Assert.Equal(towardCentre.Length() / Rendering.FocalLength, quad.SideMetres, 4);
        // Upright: its up axis has no roll, its right axis stays horizontal.
        Assert.Equal(0f, quad.Right.Y, 4);
        Assert.True(quad.Up.Y > 0.9f);
    }
}
