using System.Numerics;
using System.Runtime.InteropServices;
using PortraitStream.Renderer.Camera;

namespace PortraitStream.Renderer.Vulkan;

/// <summary>The push-constant block of Shaders/stretch.comp ("Stretch"), field for field: 64 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct StretchPushConstants
{
    public Vector4 WorldX;
    public Vector4 WorldY;
    public uint Width;
    public uint Height;
    public float FocalPixels;
    public float PrincipalX;
    public uint PixelBase;
    public uint Phase;
    public float Texel;
    public uint Unused;

    /// <summary>Phase 0 (estimate) or 1 (blur) of one picture: <paramref name="camera"/>'s, whose pixels start at
    /// <paramref name="pixelBase"/> in the buffers, over a plane of <paramref name="texel"/>-sized texels.</summary>
    public static StretchPushConstants For(in PinholeCamera camera, uint pixelBase, float texel, uint phase)
    {
        var pose = camera.Pose;
        return new()
        {
            WorldX = new Vector4(pose.Right.X, pose.Down.X, pose.Forward.X, 0f),
            WorldY = new Vector4(pose.Right.Y, pose.Down.Y, pose.Forward.Y, 0f),
            Width = (uint)camera.Width, Height = (uint)camera.Height, FocalPixels = camera.FocalPixels,
            PrincipalX = camera.PrincipalX, PixelBase = pixelBase, Phase = phase, Texel = texel,
        };
    }
}
