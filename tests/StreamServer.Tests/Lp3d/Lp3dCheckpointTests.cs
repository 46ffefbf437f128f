using System.Text.Json.Nodes;

namespace PortraitStream.Server.Tests.Lp3d;

/// <summary>export.py --checkpoint: trained weights in, the same bundle out marked trained; a misfit refused in one line.</summary>
[Collection(Lp3dSuite.Name)]
public sealed class Lp3dCheckpointTests(Lp3dTinyBundle tiny) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lp3d-ckpt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Checkpoint_IsExportedAsTheSameNetwork_MarkedTrained()
    {
        var output = Path.Combine(_dir, "trained");
        // Another seed: every weight must come from the checkpoint, none from the initialisation.
        var result = Exporter.Export("--config", "tiny", "--seed", "99", "--checkpoint", tiny.StateDictPath, "--out", output);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(File.ReadAllBytes(Path.Combine(tiny.BundleDirectory, "encoder.onnx")), File.ReadAllBytes(Path.Combine(output, "encoder.onnx")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(tiny.BundleDirectory, "decoder.bin")), File.ReadAllBytes(Path.Combine(output, "decoder.bin")));
        Assert.True(JsonNode.Parse(File.ReadAllText(Path.Combine(output, "model.json")))!["trained"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("s['triplane_encoder.out.weight'] = s['triplane_encoder.out.weight'][:10]", "encoder tensor out.weight has shape [10, 16, 3, 3], config 'tiny' expects [96, 16, 3, 3]")]
    [InlineData("del s['decoder.net.2.bias']", "lacks 1 of the 4 decoder (EG3D OSG decoder.net.0/net.2) tensors config 'tiny' needs (first: net.2.bias)")]
    public void MisfittingCheckpoint_IsRefusedInOneLine(string edit, string message)
    {
        var broken = Path.Combine(_dir, "broken.pt");
        var edited = Exporter.RunPython("-c", $"import sys, torch\ns = torch.load(sys.argv[1])\n{edit}\ntorch.save(s, sys.argv[2])", tiny.StateDictPath, broken);
        Assert.True(edited.ExitCode == 0, edited.Stderr);

        var result = Exporter.Export("--config", "tiny", "--checkpoint", broken, "--out", Path.Combine(_dir, "out"));

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(message, line);
        Assert.False(File.Exists(Path.Combine(_dir, "out", "encoder.onnx")));
    }
}
