using PortraitStream.Server.WebRtc.Interceptors;
using PortraitStream.Server.WebRtc.Rtcp;

namespace PortraitStream.Server.Tests.WebRtc.Interceptors;

public class SendStageTests
{
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public void Rfc4585_NackedPacket_FoundInHistory()
    {
        var history = new RetransmissionHistory(8, 100);
        for (ushort seq = 0; seq < 20; seq++)
        {
            history.Store(seq, [(byte)seq, 1, 2]);
        }

        var buffer = new byte[100];
        Assert.Equal(3, history.CopyTo(19, buffer));
        Assert.Equal(19, buffer[0]);
        Assert.Equal(0, history.CopyTo(5, buffer)); // overwritten long ago
        Assert.Equal(1, history.Missed);
    }

    [Fact]
    public void Rfc3550_Section6_4_1_SenderReport_ExtrapolatesRtpTimestamp()
    {
        var stats = new SenderStatistics(9, 90000, _time);
        stats.OnPacketSent(1000, 100);
        stats.OnPacketSent(1000, 50);
        _time.Advance(TimeSpan.FromSeconds(0.5));
        var sr = stats.BuildReport();
        Assert.Equal((2u, 150u, 1000u + 45000u), (sr.PacketCount, sr.OctetCount, sr.RtpTimestamp));
    }

    [Fact]
    public void Rfc3550_Section6_4_1_RoundTripFromReceiverReport()
    {
        var stats = new SenderStatistics(9, 90000, _time);
        var sr = stats.BuildReport();
        _time.Advance(TimeSpan.FromMilliseconds(300)); // 100 ms there and back, 200 ms held by the receiver
        var block = new ReceptionReport(9, 0, 0, 0, 0, NtpTime.Compact(sr.NtpTimestamp), NtpTime.TimeSpanToCompact(TimeSpan.FromMilliseconds(200)));
        stats.OnReceptionReport(block);
        Assert.InRange(stats.RoundTripTime!.Value.TotalMilliseconds, 99, 101);
    }

    [Fact]
    public void Remb_DecreaseAtOnce_IncreaseGradually()
    {
        var controller = new RembBitrateController(1_000_000, 100_000, 2_000_000, _time);
        Assert.True(controller.OnRemb(500_000));
        Assert.Equal(450_000, controller.TargetBitrate);
        _time.Advance(TimeSpan.FromSeconds(1));
        controller.OnRemb(5_000_000);
        Assert.Equal(486_000, controller.TargetBitrate); // +8 % in one second
        controller.OnRemb(10);
        Assert.Equal(100_000, controller.TargetBitrate); // floor
    }
}
