using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Renderer.Tests.Scenes;

/// <summary>Renders a scene into a fresh target and reads simple measurements back from it.</summary>
internal static class RenderHarness
{
    public static RenderTarget Render(Triplanes planes, DecoderWeights decoder, CameraView view, int size,
        RenderingConfig? rendering = null, uint seed = 7, int threads = -1, int width = 0, LiveSampling? live = null)
    {
        var request = new RenderRequest(planes, decoder, rendering ?? RenderingConfig.Eg3dFfhq, view, width > 0 ? width : size, size) { Seed = seed, Live = live };
        var target = RenderTarget.Allocate(request.Width, request.Height, withDepth: true);
        new CpuVolumeRenderer(threads).Render(request, target);
        return target;
    }

    public static byte Alpha(RenderTarget target, int x, int y) => target.Rgba[(y * target.Width + x) * 4 + 3];

    /// <summary>Pixels at least half opaque.</summary>
    public static int CoveredPixels(RenderTarget target)
    {
        int count = 0;
        for (int i = 3; i < target.Rgba.Length; i += 4)
        {
            if (target.Rgba[i] >= 128) count++;
        }
        return count;
    }

    /// <summary>Whether any pixel of the outermost rows or columns is at least half opaque.</summary>
    public static bool TouchesBorder(RenderTarget target)
    {
        for (int y = 0; y < target.Height; y++)
        {
            for (int x = 0; x < target.Width; x++)
            {
                bool onBorder = x == 0 || y == 0 || x == target.Width - 1 || y == target.Height - 1;
                if (onBorder && Alpha(target, x, y) >= 128) return true;
            }
        }
        return false;
    }

    /// <summary>Centroid of the covered pixels relative to the image centre, in pixels (x right, y down).</summary>
    public static (double X, double Y) CoveredCentroid(RenderTarget target)
    {
        double sx = 0, sy = 0;
        int count = 0;
        for (int y = 0; y < target.Height; y++)
        {
            for (int x = 0; x < target.Width; x++)
            {
                if (Alpha(target, x, y) < 128) continue;
                sx += x + 0.5;
                sy += y + 0.5;
                count++;
            }
        }
        Assert.True(count > 0, "nothing was rendered");
        return (sx / count - 0.5 * target.Width, sy / count - 0.5 * target.Height);
    }
}
