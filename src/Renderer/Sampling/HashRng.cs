namespace PortraitStream.Renderer.Sampling;

/// <summary>
/// Counter-based random numbers: every draw is a pure function of (seed, pixel, sequence, index), so a render is the
/// same whatever the thread count or tile order, and a shader reproduces it bit for bit with 32-bit integer ops only.
/// The mixer is the PCG hash ("pcg_hash", Jarzynski &amp; Olano, "Hash Functions for GPU Rendering", JCGT 9(3), 2020):
/// one LCG step followed by PCG's RXS-M-XS output permutation.
/// </summary>
public static class HashRng
{
    /// <summary>Which random sequence a draw belongs to, so coarse jitter and importance draws never share numbers.</summary>
    public enum Sequence : uint
    {
        CoarseJitter = 0,
        ImportanceDraw = 1,
    }

    /// <summary>Bits kept per draw: a float32 holds 24-bit integers exactly, so (h >> 8) · 2⁻²⁴ is exact everywhere.</summary>
    private const float TwoToMinus24 = 1f / 16777216f;

    /// <summary>PCG multiplier and increment (O'Neill's 32-bit LCG constants), and the RXS-M-XS output multiplier.</summary>
    private const uint LcgMultiplier = 747796405u;
    private const uint LcgIncrement = 2891336453u;
    private const uint OutputMultiplier = 277803737u;

    public static uint Pcg(uint input)
    {
        uint state = unchecked(input * LcgMultiplier + LcgIncrement);
        uint word = unchecked(((state >> (int)((state >> 28) + 4u)) ^ state) * OutputMultiplier);
        return (word >> 22) ^ word;
    }

    /// <summary>
    /// A uniform float in [0, 1) for draw <paramref name="index"/> of <paramref name="sequence"/> at
    /// <paramref name="pixel"/> (y · width + x). Chained hashing, pcg(pcg(pcg(seed) + pixel) + counter), keeps
    /// neighbouring pixels and indices uncorrelated.
    /// </summary>
    public static float Uniform(uint seed, uint pixel, Sequence sequence, uint index) => Uniform(PixelKey(seed, pixel), sequence, index);

    /// <summary>pcg(pcg(seed) + pixel): the part of every draw that is the same for a whole ray, hashed once per ray.</summary>
    public static uint PixelKey(uint seed, uint pixel) => Pcg(unchecked(Pcg(seed) + pixel));

    /// <summary><see cref="Uniform(uint, uint, Sequence, uint)"/> from the pixel's <see cref="PixelKey"/>.</summary>
    public static float Uniform(uint pixelKey, Sequence sequence, uint index)
    {
        uint counter = ((uint)sequence << 24) | index;
        uint h = Pcg(unchecked(pixelKey + counter));
        return (h >> 8) * TwoToMinus24;
    }
}
