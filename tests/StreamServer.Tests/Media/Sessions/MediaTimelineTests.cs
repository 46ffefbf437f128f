using System.Diagnostics;
using PortraitStream.Server.Media.Sessions;

namespace PortraitStream.Server.Tests.Media.Sessions;

/// <summary>
/// The session timeline: capture times on the peer's two clocks mapped to ours by the least transit, tied to one clock
/// by the peer's sender reports, and the audio delay following the video's capture→send latency, smoothed toward its
/// lower edge and bounded.
/// </summary>
public class MediaTimelineTests
{
    private static readonly long Ms = Stopwatch.Frequency / 1000;

    private static TimeSpan At(int ms) => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void CaptureClock_LeastTransitWins_JitterDoesNotMoveIt()
    {
        var clock = new CaptureClock();
        // The peer's clock starts at 5 s; transits 30, 10, 50 ms.
        Assert.Equal(1030 * Ms, clock.Observe(At(5000), 1030 * Ms));
        clock.Observe(At(5020), 1030 * Ms);
        clock.Observe(At(5040), 1090 * Ms);

        // Offset now −3990 ms (arrival − capture, least; crept up by 60 µs over 60 ms): capture 5060 ms maps to 1070 ms on ours.
        Assert.InRange(clock.ToLocal(At(5060))!.Value, 1070 * Ms, (1070 * Ms) + (Ms / 10));
    }

    [Fact]
    public void AudioDelay_FollowsTheVideoLatency_Smoothed()
    {
        var timeline = new MediaTimeline();
        Assert.Equal(TimeSpan.Zero, timeline.AudioDelay);
        for (int frame = 0; frame < 100; frame++)
        {
            var capture = At(frame * 33);
            long arrived = frame * 33 * Ms;
            timeline.OnVideoArrived(capture, arrived);
            timeline.OnVideoSent(capture, arrived + (120 * Ms));
        }

        Assert.InRange(timeline.AudioDelay.TotalMilliseconds, 119, 121);

        // One slow frame (400 ms) moves the delay by a tenth of its excess only.
        timeline.OnVideoArrived(At(3300), 3300 * Ms);
        timeline.OnVideoSent(At(3300), (3300 + 400) * Ms);
        Assert.InRange(timeline.AudioDelay.TotalMilliseconds, 145, 151);
    }

    [Fact]
    public void AudioDelay_FallsFastAfterASlowStretch_RisesSlowly()
    {
        var timeline = new MediaTimeline();
        int frame = 0;
        void Send(int latencyMs)
        {
            var capture = At(frame * 33);
            long arrived = frame * 33 * Ms;
            timeline.OnVideoArrived(capture, arrived);
            timeline.OnVideoSent(capture, arrived + (latencyMs * Ms));
            frame++;
        }

        // A slow stretch (800 ms a frame) long enough to lift the delay near it…
        for (int i = 0; i < 60; i++)
        {
            Send(800);
        }
        Assert.InRange(timeline.AudioDelay.TotalMilliseconds, 790, 801);

        // …then frames at 150 ms again: within four frames the audio no longer waits out the stretch (half the excess a
        // frame: 800 → 475 → 312 → 231 → 191 ms), where a tenth a frame would still hold it 576 ms.
        for (int i = 0; i < 4; i++)
        {
            Send(150);
        }
        Assert.InRange(timeline.AudioDelay.TotalMilliseconds, 185, 200);
    }

    [Fact]
    public void OnVideoSent_ReturnsTheSmoothedInstant_TheSenderReportStates()
    {
        var timeline = new MediaTimeline();
        timeline.OnVideoArrived(At(0), 0);
        timeline.OnVideoSent(At(0), 100 * Ms);
        timeline.OnVideoArrived(At(33), 33 * Ms);

        // This frame took 200 ms; the smoothed latency is 110 ms, so the frame stands for 90 ms before now.
        var offset = timeline.OnVideoSent(At(33), (33 + 200) * Ms);
        Assert.InRange(offset.TotalMilliseconds, -91, -89);
    }

    [Fact]
    public void VideoDueTicks_IsTheCapturePlusTheAudioDelay_WhereTheSameInstantsAudioIsDue()
    {
        var timeline = new MediaTimeline();
        Assert.Null(timeline.VideoDueTicks(At(0)));
        timeline.OnVideoArrived(At(0), 1000 * Ms);
        timeline.OnVideoSent(At(0), 1120 * Ms);

        // Capture 40 ms maps to 1040 ms on our clock; the audio captured then is due 120 ms later, and so is the picture.
        Assert.Equal((1040 + 120) * Ms, timeline.VideoDueTicks(At(40)));
        long audioCaptured = timeline.OnAudioArrived(At(40), 1040 * Ms);
        Assert.Equal(audioCaptured + (long)(timeline.AudioDelay.TotalSeconds * Stopwatch.Frequency), timeline.VideoDueTicks(At(40)));
    }

    /// <summary>
    /// A sender whose video leaves 80 ms after capture (its encoder) and its audio 20 ms: by arrival alone each stream is
    /// placed by its own least transit, the picture 60 ms later than the sound of the same instant; the sender reports
    /// (RFC 3550 §6.4.1: both streams' RTP clocks against one wallclock) put them on one clock.
    /// </summary>
    [Fact]
    public void SenderReports_PutTheSoundWithThePictureOfTheSameInstant()
    {
        var timeline = new MediaTimeline();
        // Each stream's capture clock has its own origin (1000 s and 50 s); the wallclock is NTP seconds.
        static TimeSpan Video(int ms) => TimeSpan.FromSeconds(1000) + At(ms);
        static TimeSpan Audio(int ms) => TimeSpan.FromSeconds(50) + At(ms);
        const double Wallclock = 3_900_000_000;
        long audioPlaced = 0;
        void Instant(int ms)
        {
            timeline.OnVideoArrived(Video(ms), (ms + 80) * Ms);
            timeline.OnVideoSent(Video(ms), (ms + 200) * Ms);
            audioPlaced = timeline.OnAudioArrived(Audio(ms), (ms + 20) * Ms);
        }

        for (int ms = 0; ms < 1000; ms += 20)
        {
            Instant(ms);
        }
        Assert.Null(timeline.SoundCorrection);
        long audioDue = audioPlaced + (long)(timeline.AudioDelay.TotalSeconds * Stopwatch.Frequency);
        Assert.InRange((timeline.VideoDueTicks(Video(980))!.Value - audioDue) / (double)Ms, 59, 61);

        timeline.OnVideoSenderReport(Video(1000), Wallclock + 1);
        timeline.OnAudioSenderReport(Audio(1000), Wallclock + 1);
        for (int ms = 1000; ms < 4000; ms += 20)
        {
            Instant(ms);
        }

        Assert.InRange(timeline.SoundCorrection!.Value.TotalMilliseconds, 59, 61);
        audioDue = audioPlaced + (long)(timeline.AudioDelay.TotalSeconds * Stopwatch.Frequency);
        Assert.InRange((timeline.VideoDueTicks(Video(3980))!.Value - audioDue) / (double)Ms, -1, 1);
        // The sound now waits out the video's whole capture→send latency, the sender's 80 ms with our 120.
        Assert.InRange(timeline.AudioDelay.TotalMilliseconds, 170, 181);
    }

    [Fact]
    public void SenderReports_ThatContradictTheArrivalsBeyondTheLongestAudioDelay_AreNotBelieved()
    {
        var timeline = new MediaTimeline();
        timeline.OnVideoArrived(At(0), 30 * Ms);
        timeline.OnVideoSenderReport(At(0), 100);
        timeline.OnAudioSenderReport(At(0), 105);                       // the audio "5 s later" than the same arrivals say
        long placed = timeline.OnAudioArrived(At(0), 20 * Ms);

        Assert.Null(timeline.SoundCorrection);
        Assert.Equal(20 * Ms, placed);
    }

    /// <summary>A hostile peer's reports at the ends of the NTP range (2³² s apart) are refused without an overflow.</summary>
    [Theory]
    [InlineData(0.0, 4294967295.99)]
    [InlineData(4294967295.99, 0.0)]
    public void SenderReports_AtTheEndsOfTheNtpRange_AreRefusedCleanly(double videoWallclock, double audioWallclock)
    {
        var timeline = new MediaTimeline();
        timeline.OnVideoArrived(TimeSpan.FromSeconds(47_000), 30 * Ms);
        timeline.OnVideoSenderReport(TimeSpan.FromSeconds(47_000), videoWallclock);
        timeline.OnAudioSenderReport(TimeSpan.FromSeconds(89_000), audioWallclock);

        Assert.Equal(20 * Ms, timeline.OnAudioArrived(TimeSpan.FromSeconds(89_000), 20 * Ms));
        Assert.Null(timeline.SoundCorrection);
    }

    [Fact]
    public void AudioDelay_BoundedByMaxAudioDelay()
    {
        var timeline = new MediaTimeline();
        timeline.OnVideoArrived(At(0), 0);
        timeline.OnVideoSent(At(0), 60_000 * Ms);
        Assert.Equal(MediaTimeline.MaxAudioDelay, timeline.AudioDelay);
    }
}
