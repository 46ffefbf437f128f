using System.Runtime.InteropServices;

namespace PortraitStream.Server.Media.Codecs.Native;

/// <summary>
/// Owns the memory of one vpx_codec_ctx_t and the codec instance initialised in it; release destroys the instance
/// (vpx_codec_destroy) and frees the memory. Live contexts are counted so leak tests can see codecs being released.
/// </summary>
internal sealed unsafe class SafeVpxCodecHandle : SafeHandle
{
    private static long s_live;
    private bool _initialized;

    public SafeVpxCodecHandle() : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle((IntPtr)NativeMemory.AllocZeroed(LibVpx.CodecContextSize));
        Interlocked.Increment(ref s_live);
    }

    /// <summary>Codec contexts currently allocated in this process.</summary>
    public static long LiveCount => Interlocked.Read(ref s_live);

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Records that an init call succeeded, so release must also destroy the codec instance.</summary>
    public void MarkInitialized() => _initialized = true;

    protected override bool ReleaseHandle()
    {
        if (_initialized)
        {
            _ = LibVpx.vpx_codec_destroy(handle);
        }
        NativeMemory.Free((void*)handle);
        Interlocked.Decrement(ref s_live);
        return true;
    }
}
