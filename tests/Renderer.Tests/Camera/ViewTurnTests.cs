using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Renderer.Tests.Camera;

public sealed class ViewTurnTests
{
    private static readonly RenderingConfig Rendering = RenderingConfig.Eg3dFfhq;

    [Fact]
    public void Front_TurnsNothing()
    {
        var (yaw, pitch) = ViewTurn.Of(CameraView.Front, Rendering);

        Assert.Equal(0f, yaw, 1e-4f);
        Assert.Equal(0f, pitch, 1e-4f);
    }

    /// <summary>
    /// The camera orbits the origin at radius r but looks at (0, 0, 0.2): from the look-at point it stands at
    /// (r sin θ, r cos θ − 0.2) in the xz plane, so the face there is seen turned by atan2 of those, 32.3° at 30°.
    /// </summary>
    [Theory]
    [InlineData(30f)]
    [InlineData(-30f)]
    [InlineData(15f)]
    public void Yaw_TurnsTheFaceAtTheLookAtPoint_FurtherThanTheOrbit(float orbit)
    {
        float r = Rendering.CameraRadius, theta = orbit * MathF.PI / 180f;
        float expected = MathF.Atan2(r * MathF.Sin(theta), r * MathF.Cos(theta) - Rendering.LookAt.Z) * 180f / MathF.PI;

        var (yaw, pitch) = ViewTurn.Of(new CameraView(orbit, 0f), Rendering);

        Assert.Equal(expected, yaw, 1e-3f);
        Assert.True(MathF.Abs(yaw) > MathF.Abs(orbit));
        Assert.Equal(0f, pitch, 1e-4f);
    }

    [Fact]
    public void Pitch_RaisedCamera_ReadsPositive_FurtherThanTheElevation()
    {
        var (yaw, pitch) = ViewTurn.Of(new CameraView(0f, 10f), Rendering);

        Assert.Equal(0f, yaw, 1e-4f);
        Assert.InRange(pitch, 10.7f, 10.9f);
    }

    [Theory]
    [InlineData(30f, 0f)]
    [InlineData(0f, -10f)]
    public void LookingAtTheOrbitCentre_TheTurnIsTheOrbit(float orbitYaw, float orbitPitch)
    {
        var centred = Rendering with { LookAt = (0f, 0f, 0f) };

        var (yaw, pitch) = ViewTurn.Of(new CameraView(orbitYaw, orbitPitch), centred);

        Assert.Equal(orbitYaw, yaw, 1e-3f);
        Assert.Equal(orbitPitch, pitch, 1e-3f);
    }
}
