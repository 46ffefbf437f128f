namespace PortraitStream.Renderer.Imaging;

/// <summary>
/// A person matte over a whole picture: <paramref name="Values"/>, person probability on a <paramref name="Width"/> ×
/// <paramref name="Height"/> grid (row-major) stretched over the picture whatever its size, as MediaPipe runs its
/// selfie segmentation on a whole frame.
/// </summary>
public sealed record PictureMatte(float[] Values, int Width, int Height)
{
    /// <summary>The matte, bilinear, at point (<paramref name="x"/>, <paramref name="y"/>) of a <paramref name="pictureWidth"/> × <paramref name="pictureHeight"/> picture (pixel centres at half-integers; the edge continues outside).</summary>
    public float At(float x, float y, int pictureWidth, int pictureHeight)
    {
        var fx = Math.Clamp(x * Width / pictureWidth - 0.5f, 0f, Width - 1f);
        var fy = Math.Clamp(y * Height / pictureHeight - 0.5f, 0f, Height - 1f);
        var (x0, y0) = ((int)fx, (int)fy);
        var (x1, y1) = (Math.Min(x0 + 1, Width - 1), Math.Min(y0 + 1, Height - 1));
        var (tx, ty) = (fx - x0, fy - y0);
        var top = Values[y0 * Width + x0] + tx * (Values[y0 * Width + x1] - Values[y0 * Width + x0]);
        var bottom = Values[y1 * Width + x0] + tx * (Values[y1 * Width + x1] - Values[y1 * Width + x0]);
        return top + ty * (bottom - top);
    }
}
