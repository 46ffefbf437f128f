using BenchmarkDotNet.Attributes;
using PortraitStream.Server.WebRtc.Rtp;
using PortraitStream.Server.WebRtc.Srtp;

namespace PortraitStream.Perf;

/// <summary>
/// SRTP (AES-CM-128 + HMAC-SHA1-80, RFC 3711) per packet, at an audio-sized and an MTU-sized payload.
/// Unprotect cannot be repeated on one packet (replay protection refuses it), so it is measured as
/// protect-then-unprotect of a fresh sequence number, against protect alone as the baseline.
/// </summary>
[MemoryDiagnoser]
public class SrtpBenchmarks
{
    private static readonly byte[] MasterKey = Convert.FromHexString("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static readonly byte[] MasterSalt = Convert.FromHexString("0EC675AD498AFEEBB6960B3AABE6");

    private SrtpContext _sender = null!;
    private SrtpContext _receiver = null!;
    private byte[] _plain = null!;
    private byte[] _buffer = null!;
    private ushort _sequence;

    /// <summary>RTP payload bytes (the 12-byte header comes on top).</summary>
    [Params(160, 1160)]
    public int PayloadLength { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _sender = new SrtpContext(MasterKey, MasterSalt);
        _receiver = new SrtpContext(MasterKey, MasterSalt);
        _plain = new byte[RtpHeader.FixedLength + PayloadLength];
        Random.Shared.NextBytes(_plain);
        _buffer = new byte[_plain.Length + SrtpConstants.TagLength];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sender.Dispose();
        _receiver.Dispose();
    }

    private int ProtectNext()
    {
        new RtpHeader(false, 96, _sequence++, 3000, 0xCAFEBABE).TryWrite(_plain);
        _plain.CopyTo(_buffer, 0);
        _sender.TryProtect(_buffer, _plain.Length, out int length);
        return length;
    }

    [Benchmark(Baseline = true)]
    public int Protect() => ProtectNext();

    [Benchmark]
    public int ProtectThenUnprotect()
    {
        int length = ProtectNext();
        _receiver.TryUnprotect(_buffer.AsSpan(0, length), out int plain);
        return plain;
    }
}
