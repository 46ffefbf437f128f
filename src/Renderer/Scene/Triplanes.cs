namespace PortraitStream.Renderer.Scene;

/// <summary>
/// One frame's triplanes: <see cref="Data"/> holds [Planes, Channels, R, R] floats in NCHW order (plane-major, then
/// channel, then row v, then column u), exactly as an encoder writes its output tensor.
/// </summary>
public sealed class Triplanes
{
    public Triplanes(TriplaneLayout layout, float[] data)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length != layout.Length)
        {
            throw new ArgumentException($"triplane data has {data.Length} floats, layout needs {layout.Length}", nameof(data));
        }
        Layout = layout;
        Data = data;
    }

    public Triplanes(TriplaneLayout layout) : this(layout, new float[layout.Length]) { }

    public TriplaneLayout Layout { get; }

    public float[] Data { get; }

    /// <summary>One channel of one plane, R × R floats, rows of length R.</summary>
    public Span<float> Channel(int plane, int channel) =>
        Data.AsSpan((plane * Layout.Channels + channel) * Layout.Resolution * Layout.Resolution, Layout.Resolution * Layout.Resolution);
}
