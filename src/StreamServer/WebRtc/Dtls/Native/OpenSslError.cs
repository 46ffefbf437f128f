using System.Text;

namespace PortraitStream.Server.WebRtc.Dtls.Native;

/// <summary>
/// Turns OpenSSL's per-thread error queue (ERR_get_error(3)) into readable text. The queue must be cleared before each
/// SSL I/O call, or SSL_get_error(3) may report a stale error from an earlier call on the same thread.
/// </summary>
internal static class OpenSslError
{
    private const int MessageCapacity = 256;

    /// <summary>Empties the queue; call before an operation whose failure will be examined.</summary>
    public static void Clear() => LibCrypto.ERR_clear_error();

    /// <summary>Drains the queue into one line, oldest error first; "no OpenSSL error queued" when empty.</summary>
    public static unsafe string Drain()
    {
        var text = new StringBuilder();
        byte* buffer = stackalloc byte[MessageCapacity];
        for (var code = LibCrypto.ERR_get_error(); code != 0; code = LibCrypto.ERR_get_error())
        {
            LibCrypto.ERR_error_string_n(code, buffer, MessageCapacity);
            if (text.Length > 0)
            {
                text.Append("; ");
            }
            text.Append(new string((sbyte*)buffer));
        }
        return text.Length == 0 ? "no OpenSSL error queued" : text.ToString();
    }

    /// <summary>Throws with the queued errors when an OpenSSL call returned its failure value.</summary>
    public static void ThrowIf(bool failed, string operation)
    {
        if (failed)
        {
            throw new OpenSslException(operation, Drain());
        }
    }

    /// <summary>Returns <paramref name="pointer"/>, or throws with the queued errors when OpenSSL returned NULL.</summary>
    public static IntPtr NotNull(IntPtr pointer, string operation)
    {
        ThrowIf(pointer == IntPtr.Zero, operation);
        return pointer;
    }
}
