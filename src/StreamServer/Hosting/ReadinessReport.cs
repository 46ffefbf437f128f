using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PortraitStream.Server.Hosting;

/// <summary>
/// /readyz's body, plain text for a person with curl as much as for a probe (which reads only the status code): the
/// overall status, then one line per check, "name: Status — what it saw", in name order.
/// </summary>
internal static class ReadinessReport
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var text = new StringBuilder().Append(report.Status).Append('\n');
        foreach (var (name, entry) in report.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            text.Append(name).Append(": ").Append(entry.Status);
            if (entry.Description is { Length: > 0 } description)
            {
                text.Append(" — ").Append(description);
            }
            else if (entry.Exception is { } e)
            {
                text.Append(" — ").Append(e.Message);
            }

            text.Append('\n');
        }

        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text.ToString());
    }
}
