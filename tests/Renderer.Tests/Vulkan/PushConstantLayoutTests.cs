using System.Runtime.InteropServices;
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
}
