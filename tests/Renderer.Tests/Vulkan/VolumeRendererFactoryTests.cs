using Microsoft.Extensions.Logging;
using PortraitStream.Renderer.Vulkan;

namespace PortraitStream.Renderer.Tests.Vulkan;

public sealed class VolumeRendererFactoryTests
{
    private static VulkanDevice NoDevice() => throw new VulkanException("no Vulkan 1.2 device with a compute queue");

    [Fact]
    public void Auto_WithoutADevice_FallsBackToCpu_WithOneLogLine()
    {
        var log = new ListLogger();
        using var factory = new VolumeRendererFactory(RendererKind.Auto, log, NoDevice);
        Assert.Equal(RendererKind.Cpu, factory.Kind);
        Assert.IsType<CpuVolumeRenderer>(factory.Create());
        var line = Assert.Single(log.Lines);
        Assert.Contains("rendering on the CPU", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Vulkan_WithoutADevice_FailsNamingTheCause()
    {
        var error = Assert.Throws<VulkanException>(() => new VolumeRendererFactory(RendererKind.Vulkan, null, NoDevice));
        Assert.Contains("--renderer vulkan", error.Message, StringComparison.Ordinal);
        Assert.Contains("no Vulkan 1.2 device", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cpu_NeverTouchesVulkan()
    {
        using var factory = new VolumeRendererFactory(RendererKind.Cpu, null, NoDevice);
        Assert.Equal("cpu", factory.Create().Name);
    }

    [VulkanFact]
    public void Vulkan_WithADevice_GivesVulkanRenderersSharingOneDevice()
    {
        using var factory = new VolumeRendererFactory(RendererKind.Vulkan);
        Assert.Equal(RendererKind.Vulkan, factory.Kind);
        var a = Assert.IsType<VulkanVolumeRenderer>(factory.Create());
        var b = Assert.IsType<VulkanVolumeRenderer>(factory.Create());
        a.Dispose();
        b.Dispose();
        Assert.Equal(0, factory.Device!.LiveObjects);
    }

    [VulkanFact]
    public void Auto_PrefersTheCpuReference_OverACpuVulkanImplementation()
    {
        var log = new ListLogger();
        using var factory = new VolumeRendererFactory(RendererKind.Auto, log, () => VulkanDevice.Create());
        using var probe = VulkanDevice.Create();
        var expected = probe.Info.Kind == VulkanDeviceKind.Cpu ? RendererKind.Cpu : RendererKind.Vulkan;
        Assert.Equal(expected, factory.Kind);
        Assert.Equal(expected == RendererKind.Cpu ? "cpu" : "vulkan", factory.Create().Name);
        if (expected == RendererKind.Cpu)
        {
            Assert.Contains("is a CPU implementation", Assert.Single(log.Lines), StringComparison.Ordinal);
            Assert.Null(factory.Device);
        }
    }

    [Theory]
    [InlineData("vulkan", true, RendererKind.Vulkan)]
    [InlineData("CPU", true, RendererKind.Cpu)]
    [InlineData("auto", true, RendererKind.Auto)]
    [InlineData("gpu", false, RendererKind.Auto)]
    [InlineData("1", false, RendererKind.Auto)]
    public void TryParseKind_AcceptsTheThreeNames(string text, bool ok, RendererKind expected)
    {
        Assert.Equal(ok, VolumeRendererFactory.TryParseKind(text, out var kind));
        if (ok)
        {
            Assert.Equal(expected, kind);
        }
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }
}
