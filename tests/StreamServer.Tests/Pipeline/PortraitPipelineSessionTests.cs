namespace PortraitStream.Server.Tests.Pipeline;

/// <summary>
/// The pipeline against an in-memory media session (no sockets, no codecs, no web host started): the server's own
/// composition supplies the real ONNX Runtime, renderer and default model; the committed portrait goes in.
/// </summary>
public sealed class PortraitPipelineSessionTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Pipeline_SendsPicturesAtTheSessionsSize_EachWithTheCaptureTimeOfAFrameFedIn_AndStopsWhenCancelled()
    {
        await using var host = InMemoryPipelineHost.Create();
        var session = new InMemoryMediaSession("in-memory");
        var portrait = await InMemoryPipelineHost.PortraitAsync();
        var size = host.Registry.For(session).Control.Quality.Size;

        using var stop = new CancellationTokenSource();
        var run = host.Handler.RunAsync(session, stop.Token);
        var fed = new List<TimeSpan>();
        var sent = new List<(int Width, int Height, TimeSpan CaptureTime)>();
        var started = DateTime.UtcNow;
        while (sent.Count < 3)
        {
            Assert.True(DateTime.UtcNow - started < Deadline, $"{sent.Count} pictures sent for {fed.Count} fed within {Deadline}");
            var captured = TimeSpan.FromMilliseconds(33.3 * fed.Count);
            fed.Add(captured);
            session.Receive(portrait, captured);
            await Task.Delay(50);
            while (session.Sent.TryRead(out var picture))
            {
                sent.Add(picture);
            }
        }

        Assert.All(sent, p => Assert.Equal((size, size), (p.Width, p.Height)));
        // Latest-frame-wins may skip camera frames, never reorder or invent them.
        Assert.All(sent, p => Assert.Contains(p.CaptureTime, fed));
        Assert.Equal(sent.Select(p => p.CaptureTime).Order(), sent.Select(p => p.CaptureTime));
        Assert.Equal(sent.Count, sent.Select(p => p.CaptureTime).Distinct().Count());

        await stop.CancelAsync();
        await run.WaitAsync(Deadline);
        Assert.False(session.Closed.IsCompleted, "a cancelled pipeline leaves closing the session to its owner");
    }
}
