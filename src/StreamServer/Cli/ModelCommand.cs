using System.CommandLine;
using PortraitStream.Inference.Relief;
using PortraitStream.Inference.Relief.V2;

namespace PortraitStream.Server.Cli;

/// <summary>
/// `model check DIR` (validate a bundle and run its encoder once; <see cref="ModelCheckCommand"/>) and
/// `model write-relief DIR [--version 2|1]` (write a built-in relief bundle as a folder, an example of the format).
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
        var version = new Option<int>("--version") { Description = "2: relief v2 (face mesh and matte, the default model); 1: relief v1 (keypoints)", DefaultValueFactory = _ => 2 };
        version.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is not (1 or 2))
            {
                r.AddError("--version must be 1 or 2");
            }
        });
        var command = new Command("write-relief", "Write a built-in relief bundle (the geometric default encoder) to a folder") { directory, version };
        command.SetAction((parsed, _) => CommandLineInterface.Guard(async () =>
        {
            var target = parsed.GetRequiredValue(directory).FullName;
            var v2 = parsed.GetValue(version) == 2;
            if (v2)
            {
                ReliefV2Bundle.WriteTo(target);
            }
            else
            {
                ReliefBundle.WriteTo(target);
            }
            var name = v2 ? ReliefV2Bundle.Name : ReliefBundle.Name;
            await Console.Out.WriteLineAsync($"{target}: {name} bundle written (model.json, {ReliefBundle.EncoderFile}, {ReliefBundle.DecoderFile})").ConfigureAwait(false);
            return ExitCodes.Success;
        }));
        return command;
    }
}
