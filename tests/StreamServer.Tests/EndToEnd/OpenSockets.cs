namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>Counts this process's UDP sockets: its fds that are sockets, matched by inode to /proc/net/udp{,6}.</summary>
internal static class OpenSockets
{
    public static int CountUdp()
    {
        var udpInodes = new HashSet<string>();
        foreach (var table in new[] { "/proc/net/udp", "/proc/net/udp6" })
        {
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                // Columns: sl local rem st tx:rx tr:when retrnsmt uid timeout inode ...
                var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (columns.Length > 9)
                {
                    udpInodes.Add(columns[9]);
                }
            }
        }

        int count = 0;
        foreach (var fd in Directory.EnumerateFiles("/proc/self/fd"))
        {
            var target = new FileInfo(fd).LinkTarget;
            if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal) && udpInodes.Contains(target[8..^1]))
            {
                count++;
            }
        }

        return count;
    }
}
