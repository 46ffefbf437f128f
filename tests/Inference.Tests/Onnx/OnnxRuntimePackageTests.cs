using System.Reflection;
using Microsoft.ML.OnnxRuntime;

namespace PortraitStream.Inference.Tests.Onnx;

/// <summary>
/// ONNX Runtime comes as one NuGet pair (Microsoft.ML.OnnxRuntime or its Gpu.Linux build, each with its managed API):
/// these pin that the output carries what that pair promises.
/// </summary>
public sealed class OnnxRuntimePackageTests
{
    [Fact]
    public void NativeLibrary_IsTheVersionTheManagedApiShipsWith()
    {
        // The host must resolve libonnxruntime.so from the package (runtimes/linux-x64/native/ through the deps.json),
        // not a copy of another version that happens to be found first, such as the 1.29 one the npm build left beside
        // the assemblies: the C# API would then call into a table of functions laid out for another release.
        var managed = typeof(InferenceSession).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!
            .InformationalVersion.Split('+')[0];
        Assert.Equal(managed, OrtEnv.Instance().GetVersionString());
    }

    [Theory]
    [InlineData("onnxruntime-LICENSE.txt", "MIT License")]
    [InlineData("onnxruntime-ThirdPartyNotices.txt", "THIRD PARTY SOFTWARE NOTICES")]
    public void LicenceFiles_AreCopiedBesideTheBinaries(string file, string expected)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "licenses", file);
        Assert.True(File.Exists(path), $"{path} missing");
        Assert.Contains(expected, File.ReadAllText(path), StringComparison.OrdinalIgnoreCase);
    }
}
