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
    /// <summary>
    /// Whether plane <paramref name="plane"/> holds nothing but zeros (relief v2's third): it adds nothing to the planes'
    /// sum, so a renderer may leave it unsampled, though it still counts in their mean.
    /// </summary>
    public bool IsZeroPlane(int plane) => !Data.AsSpan(plane * Layout.PlaneLength, Layout.PlaneLength).ContainsAnyExcept(0f);

    public Span<float> Channel(int plane, int channel) =>
        Data.AsSpan((plane * Layout.Channels + channel) * Layout.Resolution * Layout.Resolution, Layout.Resolution * Layout.Resolution);
}
