using System.Threading.Channels;
using PortraitStream.Server.Pipeline.Control;
using PortraitStream.Server.Pipeline.Stats;

namespace PortraitStream.Server.Tests.Pipeline;

/// <summary>A session watcher that keeps the posed frames a pipeline pushes, in order, for a test to read.</summary>
internal sealed class PosedFrameWatcher : ISessionWatcher
{
    private readonly Channel<PosedFrame> _frames = Channel.CreateUnbounded<PosedFrame>();

    public int Count => _frames.Reader.Count;

    public async Task<PosedFrame> NextAsync(TimeSpan timeout) => await _frames.Reader.ReadAsync().AsTask().WaitAsync(timeout);

    /// <summary>Every frame pushed and not read yet.</summary>
    public List<PosedFrame> TakeAll()
    {
        var all = new List<PosedFrame>();
        while (_frames.Reader.TryRead(out var frame))
        {
            all.Add(frame);
        }
        return all;
    }

    public void OnStats(StreamStats stats)
    {
    }

    public void OnPosedFrame(PosedFrame frame) => _frames.Writer.TryWrite(frame);

    public void OnEnded(string sessionId, string reason, bool byItself)
    {
    }
}
