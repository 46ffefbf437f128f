using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PortraitStream.Server.Media.Codecs.Native;

// Mirrors of the OpenH264 2.3 C structs we pass (codec_app_def.h, codec_def.h), laid out as the x86-64 and AArch64
// Linux C ABIs lay them out: natural alignment, C enums as int, C bool as one byte.

/// <summary>SDecodingParam (TagSVCDecodingParam), 32 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct SDecodingParam
{
    public IntPtr FileNameRestructed;
    public uint CpuLoad;
    public byte TargetDqLayer;
    public int ErrorConcealment;       // ERROR_CON_IDC eEcActiveIdc
    public byte ParseOnly;             // bool bParseOnly
    public uint VideoPropertySize;     // SVideoProperty.size
    public int VideoBitstreamType;     // SVideoProperty.eVideoBsType
}

/// <summary>SBufferInfo (TagBufferInfo) with its SSysMEMBuffer, 72 bytes: where a decoded picture is and how it is laid out.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct SBufferInfo
{
    /// <summary>1 when a picture is ready.</summary>
    public int BufferStatus;
    public ulong InputTimestamp;
    public ulong OutputTimestamp;
    public int Width;
    public int Height;
    public int Format;
    public int StrideLuma;
    public int StrideChroma;
    public byte* PlaneY;
    public byte* PlaneU;
    public byte* PlaneV;
}

/// <summary>SEncParamBase (TagEncParamBase), 24 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SEncParamBase
{
    public int UsageType;
    public int PictureWidth;
    public int PictureHeight;
    public int TargetBitrate;           // bit/s
    public int RateControlMode;
    public float MaxFrameRate;
}

/// <summary>SBitrateInfo (TagBitrateInfo).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SBitrateInfo
{
    public int Layer;
    public int Bitrate;                 // bit/s
}

/// <summary>SSourcePicture (Source_Picture_s), 72 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct SSourcePicture
{
    public int ColorFormat;
    public int StrideY, StrideU, StrideV, StrideA;
    public byte* PlaneY, PlaneU, PlaneV, PlaneA;
    public int PictureWidth;
    public int PictureHeight;
    public long Timestamp;              // milliseconds
}

/// <summary>SLayerBSInfo, 40 bytes: one layer's NAL units, each with its Annex B start code, back to back in <see cref="Bitstream"/>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct SLayerBSInfo
{
    public byte TemporalId, SpatialId, QualityId;
    public int FrameType;
    public byte LayerType;
    public int SubSequenceId;
    public int NalCount;
    public int* NalLengths;
    public byte* Bitstream;
}

/// <summary>MAX_LAYER_NUM_OF_FRAME (128) layer slots.</summary>
[InlineArray(128)]
internal struct SLayerBSInfoArray
{
    private SLayerBSInfo _first;
}

/// <summary>SFrameBSInfo, 5144 bytes: what EncodeFrame produced.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SFrameBSInfo
{
    public int LayerCount;
    public SLayerBSInfoArray Layers;
    public int FrameType;
    public int FrameSizeInBytes;
    public long Timestamp;
}
