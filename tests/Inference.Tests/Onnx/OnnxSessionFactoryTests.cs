using Microsoft.Extensions.Logging.Abstractions;
using PortraitStream.Inference.Onnx;

namespace PortraitStream.Inference.Tests.Onnx;

public sealed class OnnxSessionFactoryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("onnx-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void AutoPolicy_WithoutCudaProvider_ChoosesCpu_AndSaysWhy()
    {
        // CI machines have no CUDA provider library and no GPU: the policy must fall back to CPU with a reason.
        var factory = new OnnxSessionFactory(NullLogger<OnnxSessionFactory>.Instance);
        Assert.Equal(ExecutionProviderPolicy.CpuName, factory.Provider.Name);
        Assert.False(string.IsNullOrWhiteSpace(factory.Provider.Reason));
    }

    [Fact]
    public void CudaRequired_WithoutCuda_FailsClearly()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ExecutionProviderPolicy.Choose(ExecutionProviderPreference.Cuda));
        Assert.Contains("CUDA execution provider requested but unavailable", error.Message);
    }

    [Fact]
    public void MissingModelFile_NamesTheFile()
    {
        var path = Path.Combine(_dir, "encoder.onnx");
        var error = Assert.Throws<ModelLoadException>(() => TestData.Sessions.Create(path));
        Assert.Equal($"{path}: model file not found", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    [InlineData(4096)]
    public void CorruptModelFile_IsRefusedWithItsName(int length)
    {
        var path = Path.Combine(_dir, "encoder.onnx");
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<ModelLoadException>(() => TestData.Sessions.Create(path));
        Assert.StartsWith("encoder.onnx: not a loadable ONNX model", error.Message);
    }

    [Fact]
    public void EmptyInMemoryModel_IsRefused()
    {
        var error = Assert.Throws<ModelLoadException>(() => TestData.Sessions.Create([], "relief"));
        Assert.Equal("relief: model is empty", error.Message);
    }
}
