using PortraitStream.Inference.Imaging;

namespace PortraitStream.Inference.Tests.Imaging;

public sealed class ImageFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("imageio-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task ReadsCommittedPortrait_AsRgb24()
    {
        var image = await new ImageFiles().ReadAsync(TestData.Path("portrait.png"));
        Assert.Equal((512, 512), (image.Width, image.Height));
        Assert.Equal(512 * 512 * 3, image.Pixels.Length);
        Assert.InRange(image.Pixels.Average(b => (double)b), 40, 220);
    }

    [Fact]
    public async Task PngRoundTrip_IsLossless()
    {
        var original = TestData.Portrait;
        var path = Path.Combine(_dir, "copy.png");
        await ImageFiles.WritePngAsync(original, path);
        var copy = await new ImageFiles().ReadAsync(path);
        Assert.Equal(original.Pixels, copy.Pixels);
    }

    /// <summary>An RGBA PNG keeps its alpha: colour type 6, every byte back as written.</summary>
    [Fact]
    public async Task RgbaPng_KeepsAlpha()
    {
        var rgba = new byte[16 * 8 * 4];
        for (var i = 0; i < rgba.Length; i++)
        {
            rgba[i] = (byte)(i * 37);
        }
        var path = Path.Combine(_dir, "alpha.png");
        await ImageFiles.WriteRgbaPngAsync(rgba, 16, 8, path);

        Assert.Equal(6, RgbaPng.ColourType(path));
        var (width, height, read) = await RgbaPng.ReadAsync(path);
        Assert.Equal((16, 8), (width, height));
        Assert.Equal(rgba, read);
    }

    [Fact]
    public async Task MissingFile_IsAClearError()
    {
        var error = await Assert.ThrowsAsync<ImageIoException>(() => new ImageFiles().ReadAsync(Path.Combine(_dir, "absent.png")));
        Assert.Contains("file not found", error.Message);
    }

    [Fact]
    public async Task EmptyFile_IsAClearError()
    {
        var path = Path.Combine(_dir, "empty.png");
        await File.WriteAllBytesAsync(path, []);
        var error = await Assert.ThrowsAsync<ImageIoException>(() => new ImageFiles().ReadAsync(path));
        Assert.Contains("empty", error.Message);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.1)]
    public async Task TruncatedPng_IsAClearError(double keptFraction)
    {
        var bytes = await File.ReadAllBytesAsync(TestData.Path("portrait.png"));
        var path = Path.Combine(_dir, "truncated.png");
        await File.WriteAllBytesAsync(path, bytes[..(int)(bytes.Length * keptFraction)]);
        var error = await Assert.ThrowsAsync<ImageIoException>(() => new ImageFiles().ReadAsync(path));
        Assert.StartsWith(path, error.Message);
    }

    [Fact]
    public async Task NotAnImage_IsAClearError()
    {
        var path = Path.Combine(_dir, "notes.png");
        await File.WriteAllTextAsync(path, "this is not a picture\n");
        var error = await Assert.ThrowsAsync<ImageIoException>(() => new ImageFiles().ReadAsync(path));
        Assert.Contains("not a readable image", error.Message);
    }

    [Fact]
    public async Task ImageWiderThanTheLimit_IsRefusedBeforeDecoding()
    {
        // A real 9000×64 PNG: legal, tiny on disk, but wider than the default 8192 px limit.
        var path = Path.Combine(_dir, "wide.png");
        await RunFfmpeg("-f", "lavfi", "-i", "color=c=gray:s=9000x64", "-frames:v", "1", path);
        var error = await Assert.ThrowsAsync<ImageIoException>(() => new ImageFiles().ReadAsync(path));
        Assert.Contains("9000×64, over the limit", error.Message);
    }

    [Fact]
    public async Task ImageOverThePixelLimit_IsRefused()
    {
        var limits = new ImageLimits { MaxPixels = 100_000 };
        var error = await Assert.ThrowsAsync<ImageIoException>(() => new ImageFiles(limits).ReadAsync(TestData.Path("portrait.png")));
        Assert.Contains("512×512, over the limit", error.Message);
    }

    /// <summary>Every format the backgrounds folder offers decodes to the pixels ffmpeg wrote (lossless ones exactly).</summary>
    [Theory]
    [InlineData("bmp", 0)]
    [InlineData("webp", 0)]
    [InlineData("jpg", 24)] // ffmpeg's default JPEG quality, not the decoder, sets this
    public async Task OtherFormats_DecodeToTheSamePicture(string extension, int tolerance)
    {
        var path = Path.Combine(_dir, "picture." + extension);
        string[] lossless = extension == "webp" ? ["-lossless", "1"] : [];
        await RunFfmpeg(["-i", TestData.Path("portrait.png"), .. lossless, path]);
        var image = await new ImageFiles().ReadAsync(path);
        var reference = TestData.Portrait;
        Assert.Equal((reference.Width, reference.Height), (image.Width, image.Height));
        var worst = image.Pixels.Zip(reference.Pixels, (a, b) => Math.Abs(a - b)).Order().ElementAt(image.Pixels.Length * 99 / 100);
        Assert.InRange(worst, 0, tolerance);
    }

    /// <summary>
    /// EXIF orientation is not applied, as the ffmpeg CLI this reader replaced did not apply it: a JPEG tagged
    /// "rotate 90°" (orientation 6) comes back in its stored 64×32 shape.
    /// </summary>
    [Fact]
    public async Task ExifOrientation_IsIgnored()
    {
        var plain = Path.Combine(_dir, "plain.jpg");
        await RunFfmpeg("-f", "lavfi", "-i", "testsrc=s=64x32", "-frames:v", "1", plain);
        var jpeg = await File.ReadAllBytesAsync(plain);
        byte[] exif =
        [
            0xFF, 0xE1, 0x00, 0x22, (byte)'E', (byte)'x', (byte)'i', (byte)'f', 0, 0,
            (byte)'M', (byte)'M', 0x00, 0x2A, 0, 0, 0, 8, // big-endian TIFF header, first IFD at 8
            0x00, 0x01, 0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1, 0x00, 0x06, 0, 0, // one entry: Orientation (0x112), SHORT, 6
            0, 0, 0, 0, // no next IFD
        ];
        var rotated = Path.Combine(_dir, "rotated.jpg");
        await File.WriteAllBytesAsync(rotated, [.. jpeg[..2], .. exif, .. jpeg[2..]]);
        var image = await new ImageFiles().ReadAsync(rotated);
        Assert.Equal((64, 32), (image.Width, image.Height));
    }

    [Theory]
    [InlineData("jpg", 0.5)]
    [InlineData("jpg", 0.02)]
    [InlineData("webp", 0.5)]
    [InlineData("bmp", 0.5)]
    public async Task TruncatedFiles_AreAClearError(string extension, double keptFraction)
    {
        var bytes = await EncodedPortraitAsync(extension);
        var path = Path.Combine(_dir, "truncated." + extension);
        await File.WriteAllBytesAsync(path, bytes[..(int)(bytes.Length * keptFraction)]);
        var error = await Assert.ThrowsAsync<ImageIoException>(() => new ImageFiles().ReadAsync(path));
        Assert.StartsWith(path, error.Message);
    }

    /// <summary>
    /// Hostile bytes never crash the process: every file here is the portrait's PNG or JPEG with bytes overwritten
    /// (header, chunk lengths, compressed data). Each either decodes to a picture of the declared size or is one
    /// <see cref="ImageIoException"/> naming the file.
    /// </summary>
    [Theory]
    [InlineData("png", 1)]
    [InlineData("png", 2)]
    [InlineData("jpg", 3)]
    [InlineData("jpg", 4)]
    public async Task MutatedFiles_DecodeOrFailCleanly(string extension, int seed)
    {
        var original = await EncodedPortraitAsync(extension);
        var random = new Random(seed);
        var reader = new ImageFiles();
        for (var trial = 0; trial < 40; trial++)
        {
            var bytes = (byte[])original.Clone();
            for (var n = 0; n < 1 + trial % 8; n++)
            {
                // Half the hits land in the first 200 bytes, where the headers and tables are.
                var at = trial % 2 == 0 ? random.Next(Math.Min(200, bytes.Length)) : random.Next(bytes.Length);
                bytes[at] = (byte)random.Next(256);
            }
            var path = Path.Combine(_dir, $"mutated{trial}.{extension}");
            await File.WriteAllBytesAsync(path, bytes);
            try
            {
                var image = await reader.ReadAsync(path);
                Assert.Equal(image.Width * image.Height * 3, image.Pixels.Length);
            }
            catch (ImageIoException error)
            {
                Assert.StartsWith(path, error.Message);
            }
        }
    }

    [Fact]
    public async Task HugeDeclaredSize_IsRefusedFromTheHeader()
    {
        // A PNG header claiming 60000×60000 followed by nothing: refused by the limit, nothing allocated for it.
        var bytes = await File.ReadAllBytesAsync(TestData.Path("portrait.png"));
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), 60000);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(20), 60000);
        var path = Path.Combine(_dir, "huge.png");
        await File.WriteAllBytesAsync(path, bytes[..64]);
        var error = await Assert.ThrowsAsync<ImageIoException>(() => new ImageFiles().ReadAsync(path));
        Assert.Contains("60000×60000, over the limit", error.Message);
    }

    /// <summary>The committed portrait as ffmpeg encodes it in the format <paramref name="extension"/> names.</summary>
    private async Task<byte[]> EncodedPortraitAsync(string extension)
    {
        var path = Path.Combine(_dir, "whole." + extension);
        await RunFfmpeg("-i", TestData.Path("portrait.png"), path);
        return await File.ReadAllBytesAsync(path);
    }

    private static async Task RunFfmpeg(params string[] arguments)
    {
        using var process = System.Diagnostics.Process.Start("ffmpeg", ["-nostdin", "-v", "error", "-y", .. arguments]);
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
    }
}
