using System.Runtime.InteropServices;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Styles;

namespace PortraitStream.Renderer.Vulkan;

/// <summary>The push-constant block of Shaders/style.comp ("Style"), field for field: 24 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct StylePushConstants
{
    public uint Width;
    public uint Height;
    public float FocalPixels;
    public uint Style;
    public float PrincipalX;
    public uint PixelBase;

    /// <summary>One picture's block: <paramref name="camera"/>'s, whose pixels start at <paramref name="pixelBase"/> in
    /// the colour and depth buffers (the render kernels lay stereo eyes one after the other).</summary>
    public static StylePushConstants For(RenderStyle style, in PinholeCamera camera, uint pixelBase) =>
        new()
        {
            Width = (uint)camera.Width, Height = (uint)camera.Height, FocalPixels = camera.FocalPixels, Style = (uint)style,
            PrincipalX = camera.PrincipalX, PixelBase = pixelBase,
        };
}
