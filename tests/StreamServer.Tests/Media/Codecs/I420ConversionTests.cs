using PortraitStream.Server.Media.Codecs;

namespace PortraitStream.Server.Tests.Media.Codecs;

public sealed class I420ConversionTests
{
    [Theory]
    [InlineData(64, 48, 3)]
    [InlineData(63, 47, 3)]
    [InlineData(64, 48, 4)]
    [InlineData(33, 17, 4)]
    public void RoundTrip_SmoothImage_StaysClose(int width, int height, int bytesPerPixel)
    {
        var stride = width * bytesPerPixel + 8; // padded rows must be honoured
        var packed = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var p = packed.AsSpan(y * stride + x * bytesPerPixel, bytesPerPixel);
                p[0] = (byte)(40 + 180 * x / width);
                p[1] = (byte)(60 + 150 * y / height);
                p[2] = (byte)(200 - 100 * (x + y) / (width + height));
                if (bytesPerPixel == 4)
                {
                    p[3] = 255;
                }
            }
        }
        using var frame = I420Frame.Rent(width, height);
        var back = new byte[packed.Length];

        if (bytesPerPixel == 3)
        {
            I420Conversion.FromRgb24(packed, stride, frame);
            I420Conversion.ToRgb24(frame, back, stride);
        }
        else
        {
            I420Conversion.FromRgba32(packed, stride, frame);
            I420Conversion.ToRgba32(frame, back, stride);
        }

        var worst = 0;
        for (var y = 0; y < height; y++)
        {
            for (var i = 0; i < width * bytesPerPixel; i++)
            {
                worst = Math.Max(worst, Math.Abs(packed[y * stride + i] - back[y * stride + i]));
            }
        }
        Assert.True(worst <= 12, $"largest channel error {worst}");
    }

    [Theory]
    [InlineData(255, 0, 0)]
    [InlineData(0, 255, 0)]
    [InlineData(0, 0, 255)]
    public void BT601_PrimaryColours_KeepTheirChannelOrder(byte r, byte g, byte b)
    {
        var rgb = Enumerable.Range(0, 16 * 16).SelectMany(_ => new[] { r, g, b }).ToArray();
        using var frame = I420Frame.Rent(16, 16);

        I420Conversion.FromRgb24(rgb, 16 * 3, frame);

        // BT.601 limited range: Y = 16 + (65.481 R + 128.553 G + 24.966 B) / 255.
        var expectedY = 16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255;
        Assert.InRange(frame.Y[0], expectedY - 2, expectedY + 2);
        var rgba = new byte[16 * 16 * 4];
        I420Conversion.ToRgba32(frame, rgba, 16 * 4);
        Assert.InRange(rgba[0], r - 4, r + 4);
        Assert.InRange(rgba[1], g - 4, g + 4);
        Assert.InRange(rgba[2], b - 4, b + 4);
        Assert.Equal(255, rgba[3]);
    }

    [Fact]
    public void TooSmallBuffer_Throws()
    {
        using var frame = I420Frame.Rent(8, 8);
        Assert.Throws<ArgumentException>(() => I420Conversion.FromRgb24(new byte[8 * 8 * 3 - 1], 8 * 3, frame));
        Assert.Throws<ArgumentOutOfRangeException>(() => I420Conversion.ToRgba32(frame, new byte[1024], 8 * 3));
    }
}
