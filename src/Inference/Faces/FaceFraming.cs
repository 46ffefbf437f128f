namespace PortraitStream.Inference.Faces;

/// <summary>
/// How a face is framed in the square encoder crop (model.json "encoder.framing"). The face size is the larger of the
/// detector's box and <see cref="EyeDistanceToFaceSize"/> × the eye distance — the box shrinks less than the eye
/// distance when the head turns, the eye distance is steadier than the box from frame to frame, and the max keeps a
/// turned head from being cropped too tightly. The crop side is <see cref="CropScale"/> × the face size, centred on
/// the face box, rotated so the eyes are level.
/// </summary>
public sealed record FaceFraming
{
    /// <summary>Crop side over face size: 2.2 keeps hair, ears and the neck in view, close to EG3D's FFHQ crops.</summary>
    public float CropScale { get; init; } = 2.2f;

    /// <summary>Face size over eye distance for a frontal face (BlazeFace's box is about 2.1 eye distances wide).</summary>
    public float EyeDistanceToFaceSize { get; init; } = 2.1f;

    /// <summary>Moves the crop centre down by this fraction of the face size (negative: up).</summary>
    public float VerticalOffset { get; init; }

    public static FaceFraming Default { get; } = new();
}
