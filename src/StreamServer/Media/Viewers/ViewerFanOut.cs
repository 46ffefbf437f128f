using System.Security.Cryptography;
using PortraitStream.Server.Media.Audio;
using PortraitStream.Server.Media.Codecs;
using PortraitStream.Server.WebRtc.Sdp;
using PortraitStream.Server.WebRtc.Session;
using PortraitStream.Server.WebRtc.Video;

namespace PortraitStream.Server.Media.Viewers;

/// <summary>
/// One session's WHEP viewers. The session's own pipeline renders once; every picture it sends comes here and is
/// encoded once per codec its viewers use (<see cref="CodecFanOut"/>), then packetized per viewer. Owns the viewers'
/// connections: a viewer that closes by itself is removed and released, and when the session ends
/// (<see cref="DisposeAsync"/>) every viewer is told (RTCP BYE, DTLS close_notify) and released. A viewer whose offer
/// took Opus joins the session's <paramref name="audio"/> fan-out for as long as it watches. Thread-safe.
/// </summary>
/// <param name="connect">Starts a peer connection for a viewer's offer (the session table's DTLS context and options).</param>
/// <param name="audio">Where the session's audio goes: the viewers that hear it are added and removed here.</param>
internal sealed class ViewerFanOut(Func<VideoOffer, PeerConnection> connect, AudioFanOut audio, ViewerMetrics metrics, TimeProvider time) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Viewer> _viewers = new(StringComparer.Ordinal);
    private readonly Dictionary<VideoCodec, CodecFanOut> _codecs = [];
    private bool _ended;

    /// <summary>True when nobody watches: the session need not encode for viewers.</summary>
    public bool IsEmpty
    {
        get
        {
            lock (_gate)
            {
                return _viewers.Count == 0;
            }
        }
    }

    /// <summary>The viewers' ids.</summary>
    public IReadOnlyList<string> Ids()
    {
        lock (_gate)
        {
            return _viewers.Keys.ToArray();
        }
    }

    /// <summary>The viewer <paramref name="id"/>'s connection, or null (diagnostics and tests).</summary>
    public PeerConnection? Find(string id)
    {
        lock (_gate)
        {
            return _viewers.TryGetValue(id, out var viewer) ? viewer.Connection : null;
        }
    }

    /// <summary>
    /// Starts a viewer for <paramref name="offer"/> under a fresh unguessable id (its resource URL is the capability to
    /// end it); returns the id and our answer. Throws <see cref="ViewerRefusedException"/> when
    /// <paramref name="maxViewers"/> already watch or the session has ended.
    /// </summary>
    public async Task<(string Id, string Answer)> AddAsync(VideoOffer offer, int maxViewers)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ThrowIfRefused(maxViewers);
        // Outside the lock: binding the socket and making the DTLS endpoint must not stall the frames going out.
        var viewer = new Viewer(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), connect(offer));
        try
        {
            lock (_gate)
            {
                ThrowIfRefused(maxViewers);
                _viewers.Add(viewer.Id, viewer);
                if (!_codecs.TryGetValue(viewer.Codec, out var codec))
                {
                    _codecs[viewer.Codec] = codec = new CodecFanOut(viewer.Codec, metrics, time);
                }

                codec.Add(viewer);
                if (viewer.HearsAudio)
                {
                    audio.Add(viewer);
                }
            }
        }
        catch (ViewerRefusedException)
        {
            await viewer.ReleaseAsync().ConfigureAwait(false);
            throw;
        }

        metrics.Viewers.Add(1);
        _ = RemoveWhenClosedAsync(viewer);
        return (viewer.Id, viewer.Connection.AnswerSdp);
    }

    private void ThrowIfRefused(int maxViewers)
    {
        lock (_gate)
        {
            if (_ended)
            {
                throw new ViewerRefusedException(ended: true, "The session has ended.");
            }

            if (_viewers.Count >= maxViewers)
            {
                throw new ViewerRefusedException(ended: false, $"The session has its {maxViewers} viewers already.");
            }
        }
    }

    /// <summary>
    /// Encodes <paramref name="picture"/> (RTP time <paramref name="ticks"/>, standing for the instant
    /// <paramref name="dueTicks"/> in the sender reports) once per codec in use and sends it to every viewer; the bytes encoded.
    /// </summary>
    public int Send(I420Frame picture, long ticks, long dueTicks)
    {
        lock (_gate)
        {
            int bytes = 0;
            foreach (var codec in _codecs.Values)
            {
                bytes += codec.Send(picture, ticks, dueTicks);
            }

            return bytes;
        }
    }

    /// <summary>Ends viewer <paramref name="id"/> and waits until its socket and keys are gone; false when there is none.</summary>
    public async Task<bool> RemoveAsync(string id)
    {
        Viewer? viewer;
        lock (_gate)
        {
            if (!_viewers.Remove(id, out viewer))
            {
                return false;
            }

            Detach(viewer);
        }

        await viewer.ReleaseAsync().ConfigureAwait(false);
        return true;
    }

    private async Task RemoveWhenClosedAsync(Viewer viewer)
    {
        await viewer.Connection.Closed.ConfigureAwait(false);
        await RemoveAsync(viewer.Id).ConfigureAwait(false);
    }

    /// <summary>Under the lock: out of the audio and its codec's list; the codec's encoder goes with its last viewer.</summary>
    private void Detach(Viewer viewer)
    {
        audio.Remove(viewer);
        var codec = _codecs[viewer.Codec];
        codec.Remove(viewer);
        if (codec.IsEmpty)
        {
            codec.Dispose();
            _codecs.Remove(viewer.Codec);
        }

        metrics.Viewers.Add(-1);
    }

    /// <summary>The session ended: every viewer is told and released, and no new one is taken.</summary>
    public async ValueTask DisposeAsync()
    {
        Viewer[] leaving;
        lock (_gate)
        {
            _ended = true;
            leaving = _viewers.Values.ToArray();
            _viewers.Clear();
            foreach (var viewer in leaving)
            {
                Detach(viewer);
            }
        }

        await Task.WhenAll(leaving.Select(v => v.ReleaseAsync())).ConfigureAwait(false);
    }
}
