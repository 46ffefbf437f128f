using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace PortraitStream.Server.Hosting;

/// <summary>
/// The operator's reason when the server cannot start because of how it was started: a setting that fails its
/// validation or does not parse, an address another process holds. The host has logged the exception by then; what
/// followed was the runtime's unhandled-exception abort (exit 134, another copy of the stack, a core dump where enabled).
/// Program prints this one line instead and exits with <see cref="ExitCode"/>; anything else is the server's own fault
/// and still crashes with its stack.
/// </summary>
internal static class StartupFailure
{
    /// <summary>Exit code of a start-up refused for its settings (the host's log above says the rest).</summary>
    public const int ExitCode = 1;

    /// <summary>What the configuration binder names itself as the source of the exceptions it throws.</summary>
    private const string Binder = "Microsoft.Extensions.Configuration.Binder";

    /// <summary>The reason for <paramref name="exception"/> in the operator's terms, or null when it is not about the settings.</summary>
    public static string? Describe(Exception exception) => exception switch
    {
        OptionsValidationException invalid => string.Join(" ", invalid.Failures),
        // "Failed to convert configuration value 'abc' at 'WebRtc:PortMin' to type 'System.Int32'.", and why.
        InvalidOperationException { Source: Binder, InnerException: { } why } binding => $"{binding.Message} {why.GetBaseException().Message}",
        // Kestrel: "Failed to bind to address http://127.0.0.1:5000: address already in use."
        IOException { InnerException: AddressInUseException } bind =>
            $"{bind.Message} Stop what listens there, or choose other addresses with --urls (or ASPNETCORE_URLS).",
        AggregateException aggregate when aggregate.InnerExceptions.Select(Describe).ToList() is var reasons && reasons.All(r => r is not null) =>
            string.Join(" ", reasons),
        _ => null,
    };
}
