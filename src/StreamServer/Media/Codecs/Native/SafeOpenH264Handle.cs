using System.Runtime.InteropServices;

namespace PortraitStream.Server.Media.Codecs.Native;

/// <summary>
/// Owns one OpenH264 decoder or encoder object; release destroys it (WelsDestroyDecoder / WelsDestroySVCEncoder,
/// which also uninitialise it). Live objects are counted so leak tests can see codecs being released.
/// </summary>
internal sealed unsafe class SafeOpenH264Handle : SafeHandle
{
    private static long s_live;
    private readonly bool _encoder;

    private SafeOpenH264Handle(IntPtr instance, bool encoder) : base(IntPtr.Zero, ownsHandle: true)
    {
        _encoder = encoder;
        SetHandle(instance);
        Interlocked.Increment(ref s_live);
    }

    /// <summary>OpenH264 objects currently alive in this process.</summary>
    public static long LiveCount => Interlocked.Read(ref s_live);

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>A new decoder object, not yet initialised.</summary>
    public static SafeOpenH264Handle CreateDecoder()
    {
        IntPtr instance;
        if (OpenH264.WelsCreateDecoder(&instance) != OpenH264.Success || instance == IntPtr.Zero)
        {
            throw new OpenH264Exception("WelsCreateDecoder", "no decoder");
        }

        return new SafeOpenH264Handle(instance, encoder: false);
    }

    /// <summary>A new encoder object, not yet initialised.</summary>
    public static SafeOpenH264Handle CreateEncoder()
    {
        IntPtr instance;
        if (OpenH264.WelsCreateSVCEncoder(&instance) != OpenH264.Success || instance == IntPtr.Zero)
        {
            throw new OpenH264Exception("WelsCreateSVCEncoder", "no encoder");
        }

        return new SafeOpenH264Handle(instance, encoder: true);
    }

    protected override bool ReleaseHandle()
    {
        if (_encoder)
        {
            OpenH264.WelsDestroySVCEncoder(handle);
        }
        else
        {
            OpenH264.WelsDestroyDecoder(handle);
        }

        Interlocked.Decrement(ref s_live);
        return true;
    }
}
