// A picture kernel's readings of the render kernel's output (PictureFrame.cs on the CPU), shared by style.comp and
// stretch.comp. The including shader declares, before including this: the push-constant block `frame` with width,
// height, focalPixels, principalX and pixelBase, and the buffers colourIn (premultiplied RGBA8, R in the low byte)
// and depthIn (world units along each pixel's unit ray). Camera space (EG3D/OpenCV): x right, y down, z forward.

// PictureFrame.At: the buffer index of the picture's pixel (x, y).
uint at(int x, int y)
{
    return frame.pixelBase + uint(y) * frame.width + uint(x);
}

bool inPicture(ivec2 p) { return p.x >= 0 && p.y >= 0 && p.x < int(frame.width) && p.y < int(frame.height); }

// PictureFrame.Hit: some opacity and a finite depth.
bool hit(uint i)
{
    return (colourIn[i] >> 24u) > 0u && !isinf(depthIn[i]) && !isnan(depthIn[i]);
}

// PictureFrame.Point: the pixel's depth along its unit ray (through the principal point's offset, so a stereo eye's
// off-axis frustum gives its true rays).
vec3 pixelPoint(int x, int y)
{
    vec3 lift = vec3((float(x) + 0.5 - frame.principalX) / frame.focalPixels, (float(y) + 0.5 - 0.5 * float(frame.height)) / frame.focalPixels, 1.0);
    return depthIn[at(x, y)] * normalize(lift);
}

// RenderTarget.Write's rounding: clamp(int(v · 255 + 0.5), 0, 255), R in the low byte.
uint packColour(vec4 value)
{
    uvec4 bytes = uvec4(clamp(value * 255.0 + 0.5, 0.0, 255.0));
    return bytes.r | (bytes.g << 8u) | (bytes.b << 16u) | (bytes.a << 24u);
}
