using System.Runtime.InteropServices;

namespace PortraitStream.Server.WebRtc.Dtls.Native;

/// <summary>
/// Owns one reference to an OpenSSL object and frees it exactly once. Every live handle is counted so tests (and
/// leak checks after reconnects) can prove that closing a peer connection released everything it created.
/// </summary>
internal abstract class OpenSslHandle : SafeHandle
{
    private static long s_live;

    protected OpenSslHandle(IntPtr handle) : base(IntPtr.Zero, ownsHandle: true)
    {
        if (handle == IntPtr.Zero)
        {
            throw new ArgumentException("OpenSSL returned NULL", nameof(handle));
        }
        SetHandle(handle);
        Interlocked.Increment(ref s_live);
    }

    /// <summary>OpenSSL objects currently owned by a handle in this process.</summary>
    public static long LiveCount => Interlocked.Read(ref s_live);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected sealed override bool ReleaseHandle()
    {
        Free(handle);
        Interlocked.Decrement(ref s_live);
        return true;
    }

    protected abstract void Free(IntPtr handle);
}

internal sealed class SafeEvpPkeyHandle(IntPtr handle) : OpenSslHandle(handle)
{
    protected override void Free(IntPtr handle) => LibCrypto.EVP_PKEY_free(handle);
}

internal sealed class SafeX509Handle(IntPtr handle) : OpenSslHandle(handle)
{
    protected override void Free(IntPtr handle) => LibCrypto.X509_free(handle);
}

internal sealed class SafeSslCtxHandle(IntPtr handle) : OpenSslHandle(handle)
{
    protected override void Free(IntPtr handle) => LibSsl.SSL_CTX_free(handle);
}

/// <summary>
/// An SSL object plus the managed state its callbacks read through the SSL's app data (ex_data index 0,
/// SSL_set_app_data(3)). The GC handle is freed only after SSL_free, so no callback can see a dangling pointer.
/// </summary>
internal sealed class SafeSslHandle : OpenSslHandle
{
    private GCHandle _appData;

    public SafeSslHandle(IntPtr handle, object appData) : base(handle)
    {
        _appData = GCHandle.Alloc(appData);
        // On failure the handle is still owned, so SSL_free and the GC handle's release happen in Free.
        OpenSslError.ThrowIf(LibSsl.SSL_set_ex_data(handle, 0, GCHandle.ToIntPtr(_appData)) != 1, "SSL_set_ex_data");
    }

    /// <summary>The object given at construction, looked up from a raw SSL* inside a callback.</summary>
    public static T? AppData<T>(IntPtr ssl) where T : class
    {
        var pointer = LibSsl.SSL_get_ex_data(ssl, 0);
        return pointer == IntPtr.Zero ? null : GCHandle.FromIntPtr(pointer).Target as T;
    }

    protected override void Free(IntPtr handle)
    {
        LibSsl.SSL_free(handle);
        _appData.Free();
    }
}
