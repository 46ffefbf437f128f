using PortraitStream.Server.Media.Audio;
using PortraitStream.Server.Media.Sessions;
using PortraitStream.Server.WebRtc.Session;
using PortraitStream.Server.WebRtc.Video;

namespace PortraitStream.Server.Media.Viewers;

/// <summary>
/// One WHEP viewer: its own peer connection (socket, DTLS, SRTP keys, SSRC and sequence numbers) on a session's
/// rendered video and, when its offer took Opus, the session's audio: a second sender on the same connection with its
/// own timestamps.
/// </summary>
internal sealed class Viewer(string id, PeerConnection connection) : IAudioSink
{
    private readonly Lazy<Task> _release = new(() => connection.DisposeAsync().AsTask());
    private readonly OpusRestamper _audioClock = new();

    /// <summary>The id in the viewer's resource URL.</summary>
    public string Id { get; } = id;

    /// <summary>The codec the viewer's offer preferred.</summary>
    public VideoCodec Codec => Connection.Receiver.Codec;

    public PeerConnection Connection { get; } = connection;

    /// <summary>True when the viewer's offer takes our Opus.</summary>
    public bool HearsAudio => Connection.PeerReceivesAudio && Connection.AudioSender is not null;

    /// <summary>Sends the session's audio once DTLS is done (before, it would be lost); false until then or without audio.</summary>
    public bool TrySendAudio(ReceivedAudioPacket packet, long dueTicks) =>
        HearsAudio && Connection.IsSecured && _audioClock.TrySend(Connection.AudioSender!, packet, dueTicks);

    /// <summary>Closes the connection (BYE, close_notify) and frees its socket and keys, once however many ask.</summary>
    public Task ReleaseAsync() => _release.Value;
}
