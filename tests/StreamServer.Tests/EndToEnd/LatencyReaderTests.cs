using PortraitStream.Inference.Faces;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>
/// web/latency.js's reader of the rendered view's frame numbers, in Chromium, on pictures drawn for it: the code as
/// <see cref="FaceCode"/> places it in a 256² view, with a dark patch over the middle of one white block, as the
/// person's shoulder and outline lay over the blocks in a clean-clone CI run's rejected frames (2026-12-05). In place
/// the bit does not read; within the layout's drift the reader finds the placement where every bit does.
/// </summary>
public sealed class LatencyReaderTests
{
    private const int Size = 256, Number = 300;

    // Draws the code for Number (a dark 8 × 8 patch over bit `patch`'s white block where patch ≥ 0) and reads it back
    // with the layout's drift or without; returns the number read, -1 for none.
    private const string DrawAndRead = """
        ({ optionsJson, word, patch, drift, blank }) => {
          const options = JSON.parse(optionsJson);
          const canvas = Object.assign(document.createElement('canvas'), { width: 256, height: 256 });
          const context = canvas.getContext('2d', { willReadFrequently: true });
          context.fillStyle = 'rgb(128, 128, 128)';
          context.fillRect(0, 0, 256, 256);
          const bits = options.remote.bits;
          if (!blank) bits.forEach(([x1, y1, x0, y0], i) => {
            const one = (word >> (bits.length - 1 - i)) & 1;
            context.fillStyle = one ? '#fff' : '#000';
            context.fillRect(x1 - 12, y1 - 12, 24, 24);
            context.fillStyle = one ? '#000' : '#fff';
            context.fillRect(x0 - 12, y0 - 12, 24, 24);
            if (i === patch) {
              context.fillStyle = '#000';
              context.fillRect((one ? x1 : x0) - 4, (one ? y1 : y0) - 4, 8, 8);
            }
          });
          const layout = drift ? options.remote : { ...options.remote, drift: 0 };
          const read = readCode(canvas, context, layout, w => decodeWord(w, options.code) >= 0);
          return read < 0 ? -1 : decodeWord(read, options.code);
        }
        """;

    [Fact]
    public async Task BlockCoveredInPlace_ReadsWithinTheDrift_AndNotWithout()
    {
        await using var browser = await OpenAsync();
        Assert.Equal(Number, await ReadAsync(browser, patch: -1, drift: false));
        Assert.Equal(-1, await ReadAsync(browser, patch: 4, drift: false));
        Assert.Equal(Number, await ReadAsync(browser, patch: 4, drift: true));
    }

    [Fact]
    public async Task NoCode_ReadsNothing_EvenWithTheDrift()
    {
        await using var browser = await OpenAsync();
        Assert.Equal(-1, await ReadAsync(browser, patch: -1, drift: true, blank: true));
    }

    private static async Task<TestBrowser> OpenAsync()
    {
        var browser = await TestBrowser.OpenAsync("about:blank", FakeCamera.Portrait);
        await browser.Page.AddScriptTagAsync(new() { Content = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "scripts", "latency.js")) });
        return browser;
    }

    private static async Task<int> ReadAsync(TestBrowser browser, int patch, bool drift, bool blank = false)
    {
        var code = new FaceCode(FaceCode.Place(AffineTransform2D.Identity, Size), Size, FaceFraming.Default);
        var optionsJson = CodeLayout.Options(1000, FrameCode.Pipeline, code.Placement.CameraLayout, code.RenderedLayout(Size));
        var word = FrameCode.Pipeline.Encode(Number);
        return await browser.Page.EvaluateAsync<int>(DrawAndRead, new { optionsJson, word, patch, drift, blank });
    }
}
