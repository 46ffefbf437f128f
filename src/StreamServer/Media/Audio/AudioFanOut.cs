using PortraitStream.Server.Media.Sessions;

namespace PortraitStream.Server.Media.Audio;

/// <summary>
/// Everyone who hears one session's audio, fed by its one <see cref="AudioForwarder"/> (the session's audio has one
/// reader): the session's own peer when it takes audio (a browser hearing itself with its rendered self) and each WHEP
/// viewer whose offer took Opus. Each sink restamps for its own stream; a sink that takes nothing (not yet secured) does
/// not stop the others. A sink joins or leaves at any time; once <see cref="Remove"/> returns nothing more is sent to it,
/// so its connection may be released. Sending holds the lock for a few SRTP sends only, never an encode. Thread-safe.
/// </summary>
internal sealed class AudioFanOut : IAudioSink
{
    private readonly Lock _gate = new();
    private readonly List<IAudioSink> _sinks = [];

    /// <summary>Sinks listening now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _sinks.Count;
            }
        }
    }

    public void Add(IAudioSink sink)
    {
        lock (_gate)
        {
            _sinks.Add(sink);
        }
    }

    public void Remove(IAudioSink sink)
    {
        lock (_gate)
        {
            _sinks.Remove(sink);
        }
    }

    /// <summary>Sends <paramref name="packet"/> to every sink; true when at least one took it.</summary>
    public bool TrySendAudio(ReceivedAudioPacket packet, long dueTicks)
    {
        lock (_gate)
        {
            bool taken = false;
            foreach (var sink in _sinks)
            {
                taken |= sink.TrySendAudio(packet, dueTicks);
            }

            return taken;
        }
    }
}
