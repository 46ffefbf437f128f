using System.Numerics;

namespace PortraitStream.Server.Pipeline.Control;

/// <summary>
/// A frame's picture in the viewer's local space (metres): the camera it was rendered from, the square's centre, its
/// right and up axes (unit vectors), its side. A stereo frame's two halves both cover this square, each for its eye.
/// </summary>
internal readonly record struct PictureQuad(Vector3 Camera, Vector3 Centre, Vector3 Right, Vector3 Up, float SideMetres);
