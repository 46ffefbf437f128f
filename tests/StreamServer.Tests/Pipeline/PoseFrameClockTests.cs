using System.Diagnostics;
using PortraitStream.Server.Media.Sessions;
using PortraitStream.Server.Pipeline.Stages;

namespace PortraitStream.Server.Tests.Pipeline;

/// <summary>
/// RTP time for pose-only frames (issue #15): it moves on with real time from the last camera frame, stays before any
/// camera frame still in the pipeline and after the last frame sent, or the pose frame is not sent.
/// </summary>
public sealed class PoseFrameClockTests
{
    private static readonly long T0 = Stopwatch.GetTimestamp();

    private static long At(double ms) => T0 + (long)(ms / 1000 * Stopwatch.Frequency);

    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    private static long Rtp(TimeSpan? time) => OutgoingRtpClock.Ticks(time!.Value);

    [Fact]
    public void BeforeAnyCameraFrame_NoPoseFrame()
    {
        Assert.Null(new PoseFrameClock().PoseFrameTime(At(0)));
    }

    [Fact]
    public void PoseFrame_IsAsOldAsTheLastCameraFrameWasWhenItLeft()
    {
        var clock = new PoseFrameClock();
        clock.OnCameraFrameDecoded(Ms(1000), At(0));
        clock.OnCameraFrameHanded(Ms(1000), At(0), At(200));

        Assert.Equal(OutgoingRtpClock.Ticks(Ms(1080)), Rtp(clock.PoseFrameTime(At(280))));
        // The camera has stopped: time goes on.
        clock.OnPoseFrameHanded(Ms(1080));
        Assert.Equal(OutgoingRtpClock.Ticks(Ms(6000)), Rtp(clock.PoseFrameTime(At(5200))));
    }

    [Fact]
    public void PoseFrame_StaysBeforeACameraFrameStillOnItsWay()
    {
        var clock = new PoseFrameClock();
        clock.OnCameraFrameDecoded(Ms(1000), At(0));
        clock.OnCameraFrameHanded(Ms(1000), At(0), At(200));
        // The next camera frame (captured 1033 ms) is in the pipeline; a pose frame 300 ms on must stamp before it.
        clock.OnCameraFrameDecoded(Ms(1033), At(40));
        Assert.Equal(OutgoingRtpClock.Ticks(Ms(1033)) - 1, Rtp(clock.PoseFrameTime(At(500))));

        // No room left after a pose frame took the last tick: not sent.
        clock.OnPoseFrameHanded(OutgoingRtpClock.Time(OutgoingRtpClock.Ticks(Ms(1033)) - 1));
        Assert.Null(clock.PoseFrameTime(At(520)));

        // Once that frame is sent, pose frames follow it.
        clock.OnCameraFrameHanded(Ms(1033), At(40), At(560));
        Assert.Equal(OutgoingRtpClock.Ticks(Ms(1043)), Rtp(clock.PoseFrameTime(At(570))));
    }

    [Fact]
    public void CameraFrameLostInThePipeline_HoldsPoseFramesBackOnlyUntilItCountsAsStalled()
    {
        var clock = new PoseFrameClock();
        clock.OnCameraFrameDecoded(Ms(1000), At(0));
        clock.OnCameraFrameHanded(Ms(1000), At(0), At(200));
        clock.OnCameraFrameDecoded(Ms(1033), At(40)); // never sent (a stage's fault), and the camera stopped

        var stalled = 40 + MediaTimeline.MaxAudioDelay.TotalMilliseconds + 10;
        Assert.Equal(OutgoingRtpClock.Ticks(Ms(1000 + stalled - 200)), Rtp(clock.PoseFrameTime(At(stalled))));
    }

    [Fact]
    public void SlowPipeline_KeepsACameraFrameInFlightForTwiceItsLatency()
    {
        var clock = new PoseFrameClock();
        clock.OnCameraFrameDecoded(Ms(1000), At(0));
        clock.OnCameraFrameHanded(Ms(1000), At(0), At(3000)); // 3 s from arrival to the session: a loaded machine
        clock.OnCameraFrameDecoded(Ms(1033), At(40));

        Assert.Equal(OutgoingRtpClock.Ticks(Ms(1033)) - 1, Rtp(clock.PoseFrameTime(At(5000))));
        Assert.Equal(OutgoingRtpClock.Ticks(Ms(1000 + 6100 - 3000)), Rtp(clock.PoseFrameTime(At(6100))));
    }

    /// <summary>A pose frame rendered ahead of a camera frame the render stage holds (PoseDeadline) stamps before that frame, though a newer one was decoded since.</summary>
    [Fact]
    public void PoseFrameAheadOfAHeldCameraFrame_StampsBeforeIt()
    {
        var clock = new PoseFrameClock();
        clock.OnCameraFrameDecoded(Ms(1000), At(0));
        clock.OnCameraFrameHanded(Ms(1000), At(0), At(200));
        clock.OnCameraFrameDecoded(Ms(1166), At(180)); // the newest decoded; the render stage holds the one from 1100 ms

        Assert.Equal(OutgoingRtpClock.Ticks(Ms(1100)) - 1, Rtp(clock.PoseFrameTime(At(350), before: Ms(1100))));
        Assert.Equal(OutgoingRtpClock.Ticks(Ms(1050)), Rtp(clock.PoseFrameTime(At(250), before: Ms(1100))));
    }

    [Fact]
    public void StampsRoundTripThroughTheRtpClock()
    {
        for (long ticks = 0; ticks < 90_000 * 3; ticks += 7_919)
        {
            Assert.Equal(ticks, OutgoingRtpClock.Ticks(OutgoingRtpClock.Time(ticks)));
        }
    }
}
