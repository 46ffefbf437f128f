namespace PortraitStream.Server.Tests.WebRtc;

/// <summary>Hex as RFCs print it (spaces and line breaks allowed) to bytes.</summary>
internal static class Hex
{
    public static byte[] Parse(string text) =>
        Convert.FromHexString(string.Concat(text.Where(Uri.IsHexDigit)));
}
