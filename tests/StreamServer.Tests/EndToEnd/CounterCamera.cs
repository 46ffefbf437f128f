using System.Text;

namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>
/// A Y4M clip for Chromium's fake capture device in which every frame carries its own number, so a page can tell
/// which camera frame a received frame came from. It is the <see cref="FakeCamera"/> portrait with the number drawn
/// where a <see cref="CodePlacement"/> says, in black and white blocks; web/latency.js reads it back with the placement's
/// <see cref="CodeLayout"/>s.
/// </summary>
internal static class CounterCamera
{
    /// <summary>
    /// A clip for measuring: 17 s at 30 fps, so numbers repeat far later than even a CPU-rendered stream lags (5.6 s
    /// under load 26, within the ±8.5 s pairing window), and all 2^9 numbers of a <see cref="FrameCode"/>, so the loop
    /// point is a one-bit step of its Gray code like any other.
    /// </summary>
    public const int ClipFrames = 512;

    /// <summary>How long a clip of <paramref name="frames"/> frames plays before Chromium loops it and numbers repeat.</summary>
    public static int LoopMilliseconds(int frames) => frames * 1000 / FakeCamera.FramesPerSecond;

    /// <summary>The first frame of the portrait clip: ffmpeg made every frame of it from this one still picture.</summary>
    private static (string Header, byte[] I420) Picture()
    {
        using var source = File.OpenRead(FakeCamera.Portrait);
        var header = ReadLine(source);
        if (ReadLine(source) != "FRAME")
        {
            throw new InvalidDataException($"{FakeCamera.Portrait} does not start with a frame");
        }

        var picture = new byte[FakeCamera.Width * FakeCamera.Height * 3 / 2];
        source.ReadExactly(picture);
        return (header, picture);
    }

    /// <summary>Writes <paramref name="frames"/> numbered frames (0, 1, …) at the portrait clip's size and rate.</summary>
    public static string Make(int frames, CodePlacement placement)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(frames, placement.Code.Capacity);
        var (header, picture) = Picture();
        var mask = placement.CameraMask(FakeCamera.Width, FakeCamera.Height);
        var clip = Path.Combine(Path.GetTempPath(), $"counter-{Environment.ProcessId}-{Guid.NewGuid():N}.y4m");
        using var output = File.Create(clip);
        output.Write(Encoding.ASCII.GetBytes(header + "\n"));
        var frame = new byte[picture.Length];
        for (int n = 0; n < frames; n++)
        {
            picture.CopyTo(frame, 0);
            Stamp(frame, mask, placement.Bits, placement.Code.Encode(n));
            output.Write("FRAME\n"u8);
            output.Write(frame);
        }

        return clip;
    }

    /// <summary>Draws a <paramref name="bits"/>-bit <paramref name="word"/> into an I420 frame of the clip's size, where <paramref name="mask"/> says.</summary>
    private static void Stamp(Span<byte> i420, int[] mask, int bits, int word)
    {
        // The clip is limited range (ffmpeg's XCOLORRANGE=LIMITED): 16 and 235 are its black and white, 128 no colour.
        const byte black = 16, white = 235, neutral = 128;
        int width = FakeCamera.Width, height = FakeCamera.Height;
        var luma = i420[..(width * height)];
        for (var i = 0; i < luma.Length; i++)
        {
            if (mask[i] != 0)
            {
                var bit = Math.Abs(mask[i]) - 1;
                var one = ((word >> (bits - 1 - bit)) & 1) == 1;
                luma[i] = one == (mask[i] > 0) ? white : black;
            }
        }

        // 4:2:0 chroma: one U and one V plane at half size behind the luma plane; grey wherever a block touches.
        int chromaWidth = width / 2, chromaPlane = chromaWidth * (height / 2);
        var chroma = i420[(width * height)..];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                if (mask[y * width + x] != 0)
                {
                    var c = y / 2 * chromaWidth + x / 2;
                    chroma[c] = chroma[chromaPlane + c] = neutral;
                }
            }
        }
    }

    private static string ReadLine(Stream stream)
    {
        var line = new StringBuilder();
        for (int b = stream.ReadByte(); b != '\n'; b = stream.ReadByte())
        {
            if (b < 0)
            {
                throw new InvalidDataException($"{FakeCamera.Portrait} ends inside a header line");
            }

            line.Append((char)b);
        }

        return line.ToString();
    }
}
