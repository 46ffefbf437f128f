namespace PortraitStream.Server.Media.Audio;

/// <summary>What <see cref="AudioDelayLine.Add"/> had to drop, if anything.</summary>
internal enum AudioDrop
{
    /// <summary>Nothing: the packet is held.</summary>
    None,

    /// <summary>The packet: a later one had already left.</summary>
    Late,

    /// <summary>The packet: a second copy of one held or sent.</summary>
    Duplicate,

    /// <summary>The oldest held packet, to make room for this one.</summary>
    Overflow,
}
