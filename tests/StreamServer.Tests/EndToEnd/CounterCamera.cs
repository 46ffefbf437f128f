using System.Text;

namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>
/// A Y4M clip for Chromium's fake capture device in which every frame carries its own number, so a page can tell
/// which camera frame an echoed frame came from. It is the <see cref="FakeCamera"/> portrait with a code strip on
/// top: two rows of <see cref="Bits"/> blocks, <see cref="Block"/>² luma pixels each, on the 16-pixel macroblock grid
/// so VP8 keeps them square. The top row holds the number's bits (most significant first, white = 1) and the row
/// under it their complement, so a reader decides each bit by which of its two blocks is brighter: no threshold to
/// tune against the encoder's contrast loss. web/latency.js reads it with the same layout constants.
/// </summary>
internal static class CounterCamera
{
    public const int Bits = 16, Block = 16, Left = 32, Top = 0;

    /// <summary>How long a clip of <paramref name="frames"/> frames plays before Chromium loops it and numbers repeat.</summary>
    public static int LoopMilliseconds(int frames) => frames * 1000 / FakeCamera.FramesPerSecond;

    /// <summary>Writes <paramref name="frames"/> numbered frames (0, 1, …) at the portrait clip's size and rate.</summary>
    public static string Make(int frames)
    {
        using var source = File.OpenRead(FakeCamera.Portrait);
        var header = ReadLine(source);
        if (ReadLine(source) != "FRAME")
        {
            throw new InvalidDataException($"{FakeCamera.Portrait} does not start with a frame");
        }

        // ffmpeg made every frame of the portrait clip from one still picture, so the first is the picture.
        var picture = new byte[FakeCamera.Width * FakeCamera.Height * 3 / 2];
        source.ReadExactly(picture);

        var clip = Path.Combine(Path.GetTempPath(), $"counter-{Environment.ProcessId}.y4m");
        using var output = File.Create(clip);
        output.Write(Encoding.ASCII.GetBytes(header + "\n"));
        var frame = new byte[picture.Length];
        for (int n = 0; n < frames; n++)
        {
            picture.CopyTo(frame, 0);
            Stamp(frame, n);
            output.Write("FRAME\n"u8);
            output.Write(frame);
        }

        return clip;
    }

    private static void Stamp(Span<byte> i420, int number)
    {
        // The clip is limited range (ffmpeg's XCOLORRANGE=LIMITED): 16 and 235 are its black and white, 128 no colour.
        const byte black = 16, white = 235, neutral = 128;
        int width = FakeCamera.Width, height = FakeCamera.Height;
        var luma = i420[..(width * height)];
        var chroma = i420[(width * height)..];
        for (int bit = 0; bit < Bits; bit++)
        {
            bool one = ((number >> (Bits - 1 - bit)) & 1) == 1;
            int x = Left + bit * Block;
            Fill(luma, width, x, Top, one ? white : black);
            Fill(luma, width, x, Top + Block, one ? black : white);
        }

        // 4:2:0 chroma: one U and one V plane at half size, behind the luma plane.
        int chromaWidth = width / 2, chromaPlane = chromaWidth * (height / 2);
        for (int y = Top / 2; y < (Top + 2 * Block) / 2; y++)
        {
            chroma.Slice(y * chromaWidth + Left / 2, Bits * Block / 2).Fill(neutral);
            chroma.Slice(chromaPlane + y * chromaWidth + Left / 2, Bits * Block / 2).Fill(neutral);
        }
    }

    private static void Fill(Span<byte> luma, int stride, int x, int y, byte value)
    {
        for (int row = y; row < y + Block; row++)
        {
            luma.Slice(row * stride + x, Block).Fill(value);
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
