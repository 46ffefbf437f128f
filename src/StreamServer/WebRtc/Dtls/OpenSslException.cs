namespace PortraitStream.Server.WebRtc.Dtls;

/// <summary>An OpenSSL call failed while setting up DTLS; the message carries OpenSSL's own error strings.</summary>
internal sealed class OpenSslException(string operation, string openSslErrors)
    : Exception($"{operation} failed: {openSslErrors}");
