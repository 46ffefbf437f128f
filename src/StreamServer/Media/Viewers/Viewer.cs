using PortraitStream.Server.WebRtc.Session;
using PortraitStream.Server.WebRtc.Video;

namespace PortraitStream.Server.Media.Viewers;

/// <summary>
/// One WHEP viewer: its own peer connection (socket, DTLS, SRTP keys, SSRC and sequence numbers) on a session's
/// rendered video. Audio, when it comes, is a second sender on the same connection.
/// </summary>
internal sealed class Viewer(string id, PeerConnection connection)
{
    private readonly Lazy<Task> _release = new(() => connection.DisposeAsync().AsTask());

    /// <summary>The id in the viewer's resource URL.</summary>
    public string Id { get; } = id;

    /// <summary>The codec the viewer's offer preferred.</summary>
    public VideoCodec Codec => Connection.Receiver.Codec;

    public PeerConnection Connection { get; } = connection;

    /// <summary>Closes the connection (BYE, close_notify) and frees its socket and keys, once however many ask.</summary>
    public Task ReleaseAsync() => _release.Value;
}
