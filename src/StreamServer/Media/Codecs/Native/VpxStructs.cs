using System.Runtime.InteropServices;

namespace PortraitStream.Server.Media.Codecs.Native;

// Layouts of libvpx 1.12's public structs on 64-bit Linux, from vpx_image.h, vpx_encoder.h and vpx_decoder.h (offsets
// checked with offsetof against the Debian 12 headers). Only the fields we read or write are declared; the explicit
// sizes keep the rest zeroed and untouched.

/// <summary>vpx_image_t (136 bytes).</summary>
[StructLayout(LayoutKind.Explicit, Size = 136)]
internal unsafe struct VpxImage
{
    [FieldOffset(0)] public int Format;
    [FieldOffset(12)] public uint Width;
    [FieldOffset(16)] public uint Height;
    [FieldOffset(20)] public uint BitDepth;
    [FieldOffset(24)] public uint DisplayWidth;
    [FieldOffset(28)] public uint DisplayHeight;
    [FieldOffset(40)] public uint ChromaShiftX;
    [FieldOffset(44)] public uint ChromaShiftY;
    [FieldOffset(48)] public byte* PlaneY;
    [FieldOffset(56)] public byte* PlaneU;
    [FieldOffset(64)] public byte* PlaneV;
    [FieldOffset(80)] public int StrideY;
    [FieldOffset(84)] public int StrideU;
    [FieldOffset(88)] public int StrideV;
    [FieldOffset(96)] public int BitsPerPixel;
}

/// <summary>vpx_codec_enc_cfg_t (504 bytes).</summary>
[StructLayout(LayoutKind.Explicit, Size = 504)]
internal struct VpxEncoderConfig
{
    [FieldOffset(4)] public uint Threads;
    [FieldOffset(12)] public uint Width;
    [FieldOffset(16)] public uint Height;
    [FieldOffset(28)] public int TimebaseNumerator;
    [FieldOffset(32)] public int TimebaseDenominator;
    [FieldOffset(36)] public uint ErrorResilient;
    [FieldOffset(40)] public uint Pass;
    [FieldOffset(44)] public uint LagInFrames;
    [FieldOffset(48)] public uint DropFrameThreshold;
    [FieldOffset(52)] public uint ResizeAllowed;
    [FieldOffset(72)] public uint EndUsage;
    [FieldOffset(112)] public uint TargetBitrateKbps;
    [FieldOffset(116)] public uint MinQuantizer;
    [FieldOffset(120)] public uint MaxQuantizer;
    [FieldOffset(124)] public uint UndershootPct;
    [FieldOffset(128)] public uint OvershootPct;
    [FieldOffset(132)] public uint BufferSizeMs;
    [FieldOffset(136)] public uint BufferInitialSizeMs;
    [FieldOffset(140)] public uint BufferOptimalSizeMs;
    [FieldOffset(160)] public uint KeyframeMode;
    [FieldOffset(164)] public uint KeyframeMinDistance;
    [FieldOffset(168)] public uint KeyframeMaxDistance;
}

/// <summary>vpx_codec_dec_cfg_t.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct VpxDecoderConfig
{
    public uint Threads;
    public uint Width;
    public uint Height;
}

/// <summary>vpx_codec_stream_info_t: what a frame header says before decoding it.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct VpxStreamInfo
{
    public uint Size;
    public uint Width;
    public uint Height;
    public uint IsKeyframe;
}

/// <summary>vpx_codec_cx_pkt_t (136 bytes), the frame arm of its data union.</summary>
[StructLayout(LayoutKind.Explicit, Size = 136)]
internal unsafe struct VpxCodecCxPacket
{
    [FieldOffset(0)] public int Kind;
    [FieldOffset(8)] public byte* Buffer;
    [FieldOffset(16)] public nuint Size;
    [FieldOffset(40)] public uint Flags;
}
