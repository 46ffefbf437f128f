namespace PortraitStream.Inference.Faces;

/// <summary>
/// A rough head yaw from BlazeFace's keypoints: as the head turns, the nose tip moves across the segment between the
/// ear tragions; its offset from the ears' midpoint, over half the ear distance, is about sin(yaw) for a head whose
/// nose tip sits as far forward as the ears are apart (close for adult heads). Good to ±10° or so — enough to frame,
/// to label stats and to re-centre a "gaze" view; a learned pose model plugs in later.
/// </summary>
public static class HeadPose
{
    /// <summary>Yaw in degrees, positive when the face turns toward the image's right. Expects roll-free keypoints.</summary>
    public static float YawDegrees(FaceKeypoints keypoints)
    {
        var earMidX = (keypoints.RightEar.X + keypoints.LeftEar.X) / 2;
        var halfEarDistance = MathF.Abs(keypoints.LeftEar.X - keypoints.RightEar.X) / 2;
        if (halfEarDistance < 1e-3f)
        {
            return 0;
        }
        var sine = Math.Clamp((keypoints.NoseTip.X - earMidX) / halfEarDistance, -1f, 1f);
        return MathF.Asin(sine) * (180f / MathF.PI);
    }
}
