using System.Runtime.InteropServices;
using PortraitStream.Renderer.Styles;

namespace PortraitStream.Renderer.Vulkan;

/// <summary>The push-constant block of Shaders/style.comp ("Style"), field for field: 16 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct StylePushConstants
{
    public uint Width;
    public uint Height;
    public float FocalPixels;
    public uint Style;

    public static StylePushConstants For(RenderStyle style, uint width, uint height, float focalPixels) =>
        new() { Width = width, Height = height, FocalPixels = focalPixels, Style = (uint)style };
}
