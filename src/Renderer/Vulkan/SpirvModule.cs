using System.Buffers.Binary;

namespace PortraitStream.Renderer.Vulkan;

/// <summary>
/// SPIR-V bytes checked before they reach the driver. vkCreateShaderModule's valid usage only *requires* valid
/// SPIR-V (VUID-VkShaderModuleCreateInfo-pCode-08737); without validation layers a driver may crash
/// on garbage, so the header is checked here (SPIR-V spec, "Physical Layout of a SPIR-V Module and Instruction":
/// magic 0x07230203, five header words, a whole number of words).
/// </summary>
internal sealed class SpirvModule
{
    private const uint Magic = 0x07230203;
    private const int HeaderWords = 5;

    private SpirvModule(string name, uint[] words) => (Name, Words) = (name, words);

    public string Name { get; }
    public uint[] Words { get; }

    public static SpirvModule Parse(string name, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderWords * 4 || bytes.Length % 4 != 0)
        {
            throw new VulkanException($"shader '{name}' is not SPIR-V: {bytes.Length} bytes is not a whole SPIR-V module (≥ 20 bytes, a multiple of 4)");
        }
        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        if (magic != Magic)
        {
            throw new VulkanException($"shader '{name}' is not SPIR-V: magic number 0x{magic:x8}, expected 0x{Magic:x8}");
        }
        var words = new uint[bytes.Length / 4];
        for (int i = 0; i < words.Length; i++)
        {
            words[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(4 * i)..]);
        }
        return new SpirvModule(name, words);
    }

    /// <summary>Loads a shader that the build compiled and embedded (see Renderer.csproj, target CompileShaders).</summary>
    public static SpirvModule Embedded(string name)
    {
        using var stream = typeof(SpirvModule).Assembly.GetManifestResourceStream($"shaders/{name}.spv")
            ?? throw new VulkanException($"shader '{name}' is not embedded in {typeof(SpirvModule).Assembly.GetName().Name}: was it compiled by glslc?");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return Parse(name, bytes);
    }
}
