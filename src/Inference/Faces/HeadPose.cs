namespace PortraitStream.Inference.Faces;

/// <summary>
/// A rough head yaw and pitch from BlazeFace's keypoints, good enough to frame, to label stats and to re-centre a
/// "gaze" view; a learned pose model plugs in later. Both expect roll-free keypoints (an aligned crop's) and follow the
/// render camera's convention (<see cref="HeadAngles"/>): yaw positive when the face turns toward the image's left,
/// pitch positive when it tilts down, as a frontal head seen from a camera at that yaw and pitch.
/// </summary>
public static class HeadPose
{
    /// <summary>
    /// Vertical offset of the nose tip below the ears' midpoint, in eye-to-mouth distances, for a frontal face. The
    /// tragion sits about on the Frankfurt plane (level with the lower eye rim), the nose tip 2.5–3 cm below it, eyes to
    /// mouth about 6.5 cm: 0.38–0.46. The committed portrait, a frontal studio photo, measures 0.40.
    /// </summary>
    private const float FrontalNoseDrop = 0.42f;

    /// <summary>
    /// How far the nose tip sits in front of the ear tragions, in eye-to-mouth distances: the lever that turns
    /// pitch into vertical offset. Adult anthropometry gives about 10.5 cm over 6.5 cm ≈ 1.6; the relief encoder's
    /// renders of the committed portrait measure 1.1 (its head prior is shallower). 1.34, their geometric mean, keeps
    /// the gain within ±20 % of either.
    /// </summary>
    private const float NoseToEarDepth = 1.34f;

    /// <summary>
    /// How far the nose tip sits in front of the eyes, in eye distances: the lever that turns yaw into the nose's
    /// sideways offset. Adult anthropometry puts the nose tip 2.3–3.5 cm in front of pupils 6.3 cm apart (0.35–0.55),
    /// and the relief encoder's surface agrees: 0.58, its nose and eye keypoints lifted onto the front render's depth.
    /// But on the turned renders BlazeFace's nose keypoint moves about twice as far as that surface point (its mouth
    /// too; its eyes stay within 1–5 px), so its keypoints act as if the nose stood 1.1 eye distances out: fitted over
    /// ±25° yaw at pitch −10…10°. Whether BlazeFace overshoots as much on real turned faces is unmeasured; where it
    /// places the true nose, this reads 0.3–0.5 of the truth. Not the pitch lever (<see cref="NoseToEarDepth"/>): that
    /// one reaches back to the ears.
    /// </summary>
    private const float NoseToEyeDepth = 1.1f;

    private static readonly float DropAmplitude = MathF.Sqrt(FrontalNoseDrop * FrontalNoseDrop + NoseToEarDepth * NoseToEarDepth);
    private static readonly float DropPhase = MathF.Atan2(FrontalNoseDrop, NoseToEarDepth);

    /// <summary>Yaw and pitch of the head whose roll-free keypoints these are.</summary>
    public static HeadAngles Measure(FaceKeypoints keypoints) => new(YawDegrees(keypoints), PitchDegrees(keypoints));

    /// <summary>
    /// Yaw in degrees, positive when the face turns toward the image's left. The nose tip sits a depth D in front of
    /// the eyes, which are w apart: turned by θ, the nose moves D·sin θ across from the eyes' midpoint while the eye
    /// distance shrinks to w·cos θ, so their ratio is (D/w)·tan θ whatever the face's size or pitch (a nod moves
    /// roll-free keypoints only vertically). Eyes and nose stay in view on a turned head, where BlazeFace misplaces the
    /// ear tragions by 10–18 px (the ear-based estimate this replaced read 25–90° at 10–25° of yaw); see
    /// <see cref="NoseToEyeDepth"/> for D/w. Measured on relief renders of the committed portrait
    /// (tests/…/HeadPoseOnRendersTests): correct sign and monotonic over ±25°, within 5° of the truth at pitch 0, within
    /// 6° at ±15° yaw and ±10° pitch. Where BlazeFace places a real nose truly it reads low, so the gaze view
    /// under-turns rather than over-rotates.
    /// </summary>
    public static float YawDegrees(FaceKeypoints keypoints)
    {
        var eyeDistance = keypoints.EyeDistance;
        if (eyeDistance < 1e-3f)
        {
            return 0;
        }
        // The nose moving toward the image's right is a face turned right: a camera at negative yaw.
        var across = (keypoints.EyeCenter.X - keypoints.NoseTip.X) / eyeDistance;
        return MathF.Atan(across / NoseToEyeDepth) * (180f / MathF.PI);
    }

    /// <summary>
    /// Pitch in degrees, positive when the face tilts down (as a camera above it sees it; a webcam below the screen
    /// sees a face tilted up, negative). The nose
    /// tip sits far in front of the ear tragions, so nodding moves the two apart vertically: a head pitched down by θ
    /// puts the nose <c>drop(θ) = d₀·cos θ + L·sin θ</c> below the ears, with d₀ the frontal drop and L the nose-to-ear
    /// depth, both in eye-to-mouth distances. That distance normalises for face size because it barely changes with
    /// pitch (eyes and mouth lie nearly in one plane) or yaw (it is vertical). Solving drop = A·sin(θ + φ) with
    /// A = √(d₀² + L²), φ = atan2(d₀, L) gives θ. Measured on relief renders of the committed portrait
    /// (tests/…/HeadPoseOnRendersTests): correct sign, monotonic over ±15° at yaw 0 and within 5° of the truth there;
    /// within 6° at ±10° pitch with ±15° yaw. On an anthropometric head model the gain is 1.0–1.3 (see NoseToEarDepth).
    /// </summary>
    public static float PitchDegrees(FaceKeypoints keypoints)
    {
        var eyeToMouth = keypoints.Mouth.Y - keypoints.EyeCenter.Y;
        if (eyeToMouth < 1e-3f)
        {
            return 0;
        }
        var earMidY = (keypoints.RightEar.Y + keypoints.LeftEar.Y) / 2;
        var drop = (keypoints.NoseTip.Y - earMidY) / eyeToMouth;
        var down = MathF.Asin(Math.Clamp(drop / DropAmplitude, -1f, 1f)) - DropPhase;
        return down * (180f / MathF.PI);
    }
}
