namespace PortraitStream.Renderer.Live;

/// <summary>
/// The live sampler's geometry pass: per geometry pixel the marched median depth, opacity and whether the ray met a
/// sharp surface. <see cref="Width"/> × <see cref="Height"/> = the output size / divisor, rounded up; geometry pixel
/// (i, j) is the ray through the centre of output pixels [i·d, (i + 1)·d) × [j·d, (j + 1)·d). Reused between frames.
/// </summary>
internal sealed class GeometryBuffer
{
    public int Width { get; private set; }
    public int Height { get; private set; }
    public int Divisor { get; private set; }
    public float[] Depth { get; private set; } = [];
    public float[] Opacity { get; private set; } = [];
    public bool[] Sharp { get; private set; } = [];

    public void Resize(int outputWidth, int outputHeight, int divisor)
    {
        (Width, Height, Divisor) = ((outputWidth + divisor - 1) / divisor, (outputHeight + divisor - 1) / divisor, divisor);
        int pixels = Width * Height;
        if (Depth.Length != pixels)
        {
            (Depth, Opacity, Sharp) = (new float[pixels], new float[pixels], new bool[pixels]);
        }
    }
}
