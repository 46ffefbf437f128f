using System.Diagnostics;
using System.Globalization;

namespace PortraitStream.Server.Tests;

/// <summary>A POSIX signal to a child process, through kill(1): System.Diagnostics.Process can only SIGKILL.</summary>
internal static class ProcessSignal
{
    /// <summary>Sends <paramref name="signal"/> ("TERM", "INT") to <paramref name="process"/>; whether kill(1) delivered it.</summary>
    public static bool Send(Process process, string signal)
    {
        using var kill = Process.Start("/bin/kill", ["-" + signal, process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        return kill.ExitCode == 0;
    }
}
