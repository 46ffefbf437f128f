namespace PortraitStream.Server.WebRtc.Faults;

/// <summary>What one <see cref="FaultInjector"/> did, for the fault run's table and the injector's tests.</summary>
internal sealed class FaultCounters
{
    /// <summary>Datagrams offered to the injector.</summary>
    public long Offered { get; internal set; }

    /// <summary>Datagrams dropped.</summary>
    public long Dropped { get; internal set; }

    /// <summary>Datagrams held back and delivered after a later one.</summary>
    public long Reordered { get; internal set; }

    /// <summary>Datagrams delivered twice.</summary>
    public long Duplicated { get; internal set; }
}
