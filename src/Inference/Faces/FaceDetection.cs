namespace PortraitStream.Inference.Faces;

/// <summary>One detected face in image pixels, with the detector's confidence in [0, 1].</summary>
public sealed record FaceDetection(FaceBox Box, FaceKeypoints Keypoints, float Score);
