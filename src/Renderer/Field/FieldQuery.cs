using System.Numerics;
using PortraitStream.Renderer.Camera;

namespace PortraitStream.Renderer.Field;

/// <summary>
/// The radiance field at depths along a ray: triplane features for every depth first, then one batched decode, so the
/// queries' memory reads overlap instead of waiting behind each sample's decoder and the activations run over whole
/// spans. The field and decoder hold one frame's data; the scratch is one worker's. Both samplers query through this.
/// </summary>
internal readonly struct FieldQuery(TriplaneField planes, RadianceDecoder decoder)
{
    public int Channels => planes.Channels;
    public int Hidden => decoder.Hidden;

    /// <summary>Fills <paramref name="samples"/>[k] with the field at <paramref name="depths"/>[k] along <paramref name="ray"/>.</summary>
    public void Evaluate(in Ray ray, ReadOnlySpan<float> depths, Span<RaySample> samples, QueryScratch scratch)
    {
        int count = depths.Length;
        planes.Sample(ray, depths, scratch.Features.AsSpan(0, count * planes.Channels), scratch.Taps);
        var outputs = Decode(count, scratch);
        for (int k = 0; k < count; k++)
        {
            samples[k] = new RaySample(depths[k], new RadianceSample(outputs[k], outputs[count + k], outputs[2 * count + k], outputs[3 * count + k]));
        }
    }

    /// <summary>Fills <paramref name="samples"/>[k] with the field at world point <paramref name="points"/>[k].</summary>
    public void Evaluate(ReadOnlySpan<Vector3> points, Span<RadianceSample> samples, QueryScratch scratch)
    {
        int count = points.Length;
        planes.Sample(points, scratch.Features.AsSpan(0, count * planes.Channels), scratch.Taps);
        var outputs = Decode(count, scratch);
        for (int k = 0; k < count; k++)
        {
            samples[k] = new RadianceSample(outputs[k], outputs[count + k], outputs[2 * count + k], outputs[3 * count + k]);
        }
    }

    private ReadOnlySpan<float> Decode(int count, QueryScratch scratch)
    {
        var outputs = scratch.DecoderOutputs.AsSpan(0, count * RadianceDecoder.UsedOutputs);
        decoder.Decode(scratch.Features.AsSpan(0, count * planes.Channels), scratch.HiddenActivations, outputs);
        return outputs;
    }
}

/// <summary>One worker's buffers for <see cref="FieldQuery.Evaluate"/> on up to <see cref="Batch"/> depths at a time.</summary>
internal sealed class QueryScratch(int batch, int channels, int hidden)
{
    public int Batch { get; } = batch;
    public int Channels { get; } = channels;
    public int Hidden { get; } = hidden;

    public float[] Features { get; } = new float[batch * channels];
    public float[] HiddenActivations { get; } = new float[batch * hidden];
    public float[] DecoderOutputs { get; } = new float[batch * RadianceDecoder.UsedOutputs];
    public FieldTaps Taps { get; } = new(batch);

    public bool Fits(int batch, int channels, int hidden) => Batch >= batch && Channels == channels && Hidden == hidden;
}
