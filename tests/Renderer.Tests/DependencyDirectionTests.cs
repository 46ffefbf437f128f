using System.Reflection;

namespace PortraitStream.Renderer.Tests;

/// <summary>
/// The renderer is the bottom of the stack (issue #13): models produce its input, the server composes it, and it
/// depends on neither. Checked over every assembly the renderer reaches through its references, so neither a direct
/// reference nor one through a package can bring ONNX Runtime, OpenCV, the model code or ASP.NET Core back in.
/// </summary>
public sealed class DependencyDirectionTests
{
    private static readonly Lazy<IReadOnlyList<string>> Reached = new(() => Closure(typeof(RenderRequest).Assembly));

    [Theory]
    [InlineData("PortraitStream.Inference")]
    [InlineData("PortraitStream.Server")]
    [InlineData("Microsoft.ML.OnnxRuntime")]
    [InlineData("OpenCvSharp")]
    [InlineData("Microsoft.AspNetCore")]
    public void Renderer_ReachesNo(string forbidden) =>
        Assert.DoesNotContain(Reached.Value, name => name == forbidden || name.StartsWith(forbidden + ".", StringComparison.Ordinal));

    /// <summary>The walk is real: it finds what the renderer does use.</summary>
    [Fact]
    public void Closure_FindsTheRenderersOwnDependencies()
    {
        Assert.Contains("Silk.NET.Vulkan", Reached.Value);
        Assert.Contains("Microsoft.Extensions.Logging.Abstractions", Reached.Value);
    }

    /// <summary>Names of every assembly <paramref name="root"/> references, directly or not (the runtime's own included).</summary>
    private static List<string> Closure(Assembly root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<AssemblyName>(root.GetReferencedAssemblies());
        while (pending.TryPop(out var name))
        {
            if (!seen.Add(name.Name!))
            {
                continue;
            }
            foreach (var reference in Assembly.Load(name).GetReferencedAssemblies())
            {
                pending.Push(reference);
            }
        }
        return [.. seen.Order(StringComparer.Ordinal)];
    }
}
