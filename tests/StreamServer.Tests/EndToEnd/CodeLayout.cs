using System.Text.Json;

namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>
/// Where web/latency.js reads a frame's number in one video's pixels: per bit, the centres of its block and of its
/// complement's (x1, y1, x0, y0), and the half-side of the square averaged around each centre; and how far the code
/// may have moved from there where it does not read in place (scaled within ± <paramref name="ScaleDrift"/> about its
/// centre and shifted, no block centre by more than <paramref name="Drift"/> pixels): the rendered view's code moves
/// with the crop.
/// </summary>
internal sealed record CodeLayout(float Radius, float[][] Bits, float Drift = 0, float ScaleDrift = 0)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>latency.js's options: the clip's loop length, how its numbers are coded, and where the code is in each video.</summary>
    public static string Options(int loopMilliseconds, FrameCode code, CodeLayout local, CodeLayout remote) =>
        JsonSerializer.Serialize(new { loopMs = loopMilliseconds, code = new { code.NumberBits, code.CheckBits, code.Polynomial }, local, remote }, Json);
}
