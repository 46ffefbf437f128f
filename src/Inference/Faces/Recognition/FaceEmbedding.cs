namespace PortraitStream.Inference.Faces.Recognition;

/// <summary>
/// A face descriptor: the identity features one face crop gives <see cref="FaceEmbedder"/>. Two crops of the same
/// person point the same way; compare them with <see cref="Similarity"/>, not by distance (the vectors' lengths follow
/// contrast and lighting, not identity).
/// </summary>
public sealed class FaceEmbedding
{
    private readonly float[] _values;

    public FaceEmbedding(float[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0 || !values.All(float.IsFinite))
        {
            throw new ArgumentException("an embedding needs at least one value, all finite", nameof(values));
        }
        _values = values;
    }

    public ReadOnlySpan<float> Values => _values;

    /// <summary>
    /// Cosine of the angle between the two embeddings, in [−1, 1] (HSE's features are non-negative, so [0, 1] there);
    /// 0 when either is all zeros, which a crop with nothing face-like in it can give.
    /// </summary>
    public float Similarity(FaceEmbedding other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other._values.Length != _values.Length)
        {
            throw new ArgumentException($"embeddings of {_values.Length} and {other._values.Length} values do not compare", nameof(other));
        }
        double dot = 0, a = 0, b = 0;
        for (var i = 0; i < _values.Length; i++)
        {
            dot += (double)_values[i] * other._values[i];
            a += (double)_values[i] * _values[i];
            b += (double)other._values[i] * other._values[i];
        }
        return a == 0 || b == 0 ? 0 : (float)(dot / Math.Sqrt(a * b));
    }
}
