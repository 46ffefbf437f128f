using PortraitStream.Server.WebRtc.Dtls;

namespace PortraitStream.Server.Tests.WebRtc.Dtls;

/// <summary>Two endpoints wired back to back in memory, with a hook to drop or inspect datagrams in flight.</summary>
internal sealed class DtlsLoopback : IDisposable
{
    public DtlsLoopback(DtlsOptions? serverOptions = null, DtlsOptions? clientOptions = null,
        DtlsFingerprint? serverExpects = null, DtlsFingerprint? clientExpects = null)
    {
        ServerContext = new DtlsContext(serverOptions);
        ClientContext = new DtlsContext(clientOptions);
        Server = ServerContext.CreateEndpoint(DtlsRole.Server, serverExpects ?? ClientContext.LocalFingerprint);
        Client = ClientContext.CreateEndpoint(DtlsRole.Client, clientExpects ?? ServerContext.LocalFingerprint);
    }

    public DtlsContext ServerContext { get; }
    public DtlsContext ClientContext { get; }
    public DtlsEndpoint Server { get; }
    public DtlsEndpoint Client { get; }

    /// <summary>Every datagram that crossed, in order, with its sender.</summary>
    public List<(DtlsRole From, byte[] Datagram)> Log { get; } = [];

    /// <summary>Decides per datagram whether it is delivered; all are by default.</summary>
    public Func<DtlsRole, byte[], bool> Deliver { get; set; } = (_, _) => true;

    /// <summary>Moves datagrams both ways until neither side has anything left to send; returns how many moved.</summary>
    public int Pump()
    {
        var moved = 0;
        for (var progress = true; progress;)
        {
            progress = Move(Client, Server, DtlsRole.Client, ref moved) | Move(Server, Client, DtlsRole.Server, ref moved);
        }
        return moved;
    }

    /// <summary>Starts the client and pumps; true when both sides end connected.</summary>
    public bool Handshake()
    {
        Server.Start();
        Client.Start();
        Pump();
        return Server.State == DtlsState.Connected && Client.State == DtlsState.Connected;
    }

    public void Dispose()
    {
        Client.Dispose();
        Server.Dispose();
        ClientContext.Dispose();
        ServerContext.Dispose();
    }

    private bool Move(DtlsEndpoint from, DtlsEndpoint to, DtlsRole role, ref int moved)
    {
        var any = false;
        while (from.TryDequeueOutgoing(out var datagram))
        {
            any = true;
            moved++;
            Log.Add((role, datagram));
            if (Deliver(role, datagram))
            {
                to.Receive(datagram);
            }
        }
        return any;
    }
}
