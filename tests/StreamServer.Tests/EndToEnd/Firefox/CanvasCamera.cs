namespace PortraitStream.Server.Tests.EndToEnd.Firefox;

/// <summary>
/// Firefox's fake camera shows a synthetic pattern with no face in it, and unlike Chromium it cannot play a file.
/// This preload script (test harness only) makes getUserMedia answer with a canvas that redraws a committed image
/// 30 times a second, at the size of Chromium's fake-camera clip (<see cref="FakeCamera"/>), so both browsers
/// send the server the same picture.
/// </summary>
internal static class CanvasCamera
{
    /// <summary>A BiDi preload script (a function declaration) playing tests/data/<paramref name="image"/>.</summary>
    public static string PreloadScript(string image)
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "data", image));
        var mime = Path.GetExtension(image) == ".png" ? "image/png" : "image/jpeg";
        var dataUrl = $"data:{mime};base64,{Convert.ToBase64String(bytes)}";
        return $$"""
            () => {
              const picture = new Image();
              picture.src = '{{dataUrl}}';
              navigator.mediaDevices.getUserMedia = async () => {
                await picture.decode();
                const canvas = document.createElement('canvas');
                canvas.width = {{FakeCamera.Width}};
                canvas.height = {{FakeCamera.Height}};
                const context = canvas.getContext('2d');
                const draw = () => context.drawImage(picture, 0, 0, canvas.width, canvas.height);
                draw();
                // A canvas stream only carries frames when the canvas is painted: repaint at the camera's rate.
                setInterval(draw, 1000 / {{FakeCamera.FramesPerSecond}});
                return canvas.captureStream({{FakeCamera.FramesPerSecond}});
              };
            }
            """;
    }
}
