using System.CommandLine;
using PortraitStream.Inference.Relief;

namespace PortraitStream.Server.Cli;

/// <summary>
/// `model check DIR` (validate a bundle and run its encoder once; <see cref="ModelCheckCommand"/>) and
/// `model write-relief DIR` (write the built-in relief bundle as a folder, an example of the format).
/// </summary>
internal static class ModelCommand
{
    public static Command Create() => new("model", "Work with model bundles (docs/model-bundle.md)")
    {
        ModelCheckCommand.Create(),
        CreateWriteRelief(),
    };

    private static Command CreateWriteRelief()
    {
        var directory = new Argument<DirectoryInfo>("DIR") { Description = "Folder to write model.json, encoder.onnx and decoder.bin into (created if needed)" };
        var command = new Command("write-relief", "Write the built-in relief bundle (the geometric default encoder) to a folder") { directory };
        command.SetAction((parsed, _) => CommandLineInterface.Guard(async () =>
        {
            var target = parsed.GetRequiredValue(directory).FullName;
            ReliefBundle.WriteTo(target);
            await Console.Out.WriteLineAsync($"{target}: relief bundle written (model.json, {ReliefBundle.EncoderFile}, {ReliefBundle.DecoderFile})").ConfigureAwait(false);
            return ExitCodes.Success;
        }));
        return command;
    }
}
