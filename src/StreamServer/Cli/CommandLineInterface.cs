using System.CommandLine;
using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Imaging;
using PortraitStream.Inference.Onnx;
using PortraitStream.Renderer.Vulkan;

namespace PortraitStream.Server.Cli;

/// <summary>
/// The offline commands of the server binary (`detect`, `render`, `render-video`, `model`). With no command name the binary starts the server;
/// with one it runs that command and exits: 0 on success, 1 on an error (one line on stderr), 2 on a usage error.
/// </summary>
internal static class CommandLineInterface
{
    private static readonly Command[] Commands = [DetectCommand.Create(), RenderCommand.Create(), RenderVideoCommand.Create(), ModelCommand.Create()];

    /// <summary>True when <paramref name="args"/> name a command rather than server options.</summary>
    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (Commands.Any(c => c.Name == args[0]) || args[0] is "--help" or "-h" or "-?");

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("PortraitStream: real-time 3D portrait streaming server. Run without a command to start the server.");
        foreach (var command in Commands)
        {
            root.Subcommands.Add(command);
        }
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync($"error: {error.Message.ReplaceLineEndings(" ")}").ConfigureAwait(false);
            }
            return ExitCodes.Usage;
        }
        return await parsed.InvokeAsync().ConfigureAwait(false);
    }

    /// <summary>Wraps a command body: the expected failures become one line on stderr and exit code 1.</summary>
    public static async Task<int> Guard(Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception e) when (e is ImageIoException or ModelLoadException or ModelBundleException or VulkanException
                                      or ArgumentException or IOException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Error;
        }
    }
}

/// <summary>Process exit codes of the commands.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Error = 1;
    public const int Usage = 2;
    /// <summary>The command ran but found no face to work on.</summary>
    public const int NoFace = 3;
}
