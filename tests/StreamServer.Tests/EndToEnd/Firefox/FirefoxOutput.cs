using System.Text.RegularExpressions;

namespace PortraitStream.Server.Tests.EndToEnd.Firefox;

/// <summary>
/// Firefox's stdout and stderr, drained as they come (a full pipe would stall the browser): the line announcing the
/// BiDi endpoint, and the most recent lines for error messages.
/// </summary>
internal sealed class FirefoxOutput
{
    private const int Kept = 40;

    private readonly Queue<string> _recent = new();
    private readonly List<(Regex Pattern, TaskCompletionSource<string> Found)> _waiting = [];
    private readonly Lock _lock = new();

    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            _recent.Enqueue(line);
            if (_recent.Count > Kept)
            {
                _recent.Dequeue();
            }

            foreach (var (pattern, found) in _waiting.Where(w => w.Pattern.IsMatch(line)))
            {
                found.TrySetResult(line);
            }
        }
    }

    /// <summary>The first line, already seen or still to come, that matches <paramref name="pattern"/>; null on timeout or if Firefox exits first.</summary>
    public async Task<string?> WaitForLineAsync(Regex pattern, TimeSpan timeout, System.Diagnostics.Process process)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_recent.FirstOrDefault(pattern.IsMatch) is { } seen)
            {
                return seen;
            }

            _waiting.Add((pattern, found));
        }

        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(found.Task, exited, Task.Delay(timeout));
        return first == found.Task ? await found.Task : null;
    }

    public string Recent()
    {
        lock (_lock)
        {
            return string.Join('\n', _recent);
        }
    }
}
