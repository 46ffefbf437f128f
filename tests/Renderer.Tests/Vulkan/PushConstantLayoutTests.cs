using System.Runtime.InteropServices;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Scene;
using PortraitStream.Renderer.Tests.Scenes;
using PortraitStream.Renderer.Vulkan;

namespace PortraitStream.Renderer.Tests.Vulkan;

/// <summary>The push-constant blocks the host writes have the layout the shaders declare: a wrong field type or order
/// would otherwise corrupt every frame silently.</summary>
public sealed class PushConstantLayoutTests
{
    /// <summary>The push-constant block must match Shaders/params.glsl's std430 "Frame" block: 4 vec4 + 12 scalars.</summary>
    [Fact]
    public void PushConstants_MatchTheShaderBlock()
    {
        Assert.Equal(112, Marshal.SizeOf<RenderPushConstants>());
        Assert.Equal(64, (int)Marshal.OffsetOf<RenderPushConstants>(nameof(RenderPushConstants.FocalPixels)));
        Assert.Equal(100, (int)Marshal.OffsetOf<RenderPushConstants>(nameof(RenderPushConstants.PlaneAxes)));
        Assert.Equal(108, (int)Marshal.OffsetOf<RenderPushConstants>(nameof(RenderPushConstants.PixelBase)));
        Assert.Equal(128, Marshal.SizeOf<LivePushConstants>());
    }

    /// <summary>Plane axes four bits a plane (U, then V; x, y, z = 0, 1, 2); a plane of zeros has U = 3, V kept.</summary>
    [Fact]
    public void PlaneAxes_PackEachPlanesAxes_AndMarkPlanesOfZeros()
    {
        var request = new RenderRequest(ReliefScene.Triplanes(), ReliefScene.Decoder(), RenderingConfig.Eg3dFfhq, CameraView.Front, 16, 16);
        // EG3D's XY, XZ, ZX: nibbles 0 | 1 << 2 = 4, 0 | 2 << 2 = 8, 2 | 0 << 2 = 2 (low plane first).
        Assert.Equal(0x284u, RenderPushConstants.ForField(request, zeroPlanes: 0).PlaneAxes);
        Assert.Equal(0x384u, RenderPushConstants.ForField(request, zeroPlanes: 0b100).PlaneAxes);
    }
}
