namespace PortraitStream.Inference.Faces;

/// <summary>
/// A head's turn relative to the camera, in degrees, in the render camera's convention (`render --yaw/--pitch`,
/// <c>CameraView</c>): the camera yaw and pitch from which a frontal head would look the way this one does. Yaw is
/// positive when the face is seen from the image's right (it turns toward the image's left), pitch when it is seen from
/// above (it tilts down). A render of a frontal portrait at camera (y, p) reads (y, p); a view that looks the face in
/// the eye sits at (−yaw, −pitch). <c>default</c> is a face looking straight into the camera.
/// </summary>
public readonly record struct HeadAngles(float YawDegrees, float PitchDegrees)
{
    /// <summary>The turn from <paramref name="from"/> to <paramref name="to"/>, angle by angle.</summary>
    public static HeadAngles operator -(HeadAngles to, HeadAngles from) => new(to.YawDegrees - from.YawDegrees, to.PitchDegrees - from.PitchDegrees);
}
