namespace PortraitStream.Inference.Faces;

/// <summary>
/// A head's turn away from the camera, in degrees, in the renderer's camera convention: a camera moved to this yaw and
/// pitch looks the face in the eye. Yaw is positive when the face turns toward the image's right, pitch when it tilts
/// up. <c>default</c> is a face looking straight into the camera.
/// </summary>
public readonly record struct HeadAngles(float YawDegrees, float PitchDegrees);
