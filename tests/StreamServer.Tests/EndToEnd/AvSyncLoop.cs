namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>One loop of <see cref="AvSyncClip"/>: its flash-to-beep offset (ms, positive: sound after picture) in the
/// local preview and in what came back; <see cref="Added"/> is what the way through the server added.</summary>
internal readonly record struct AvSyncLoop(double Local, double Remote)
{
    public double Added => Remote - Local;
}
