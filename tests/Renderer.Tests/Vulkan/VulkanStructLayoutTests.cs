using System.Runtime.InteropServices;
using PortraitStream.Renderer.Vulkan;
using PortraitStream.Renderer.Vulkan.Interop;

namespace PortraitStream.Renderer.Tests.Vulkan;

/// <summary>
/// Every hand-written Vulkan structure has the size the C compiler gives it from vulkan_core.h 1.3.239 on x86-64
/// (sizeof, measured once with gcc): a wrong field type or order would otherwise corrupt calls silently.
/// </summary>
public sealed class VulkanStructLayoutTests
{
    [Theory]
    [InlineData(typeof(VkApplicationInfo), 48)]
    [InlineData(typeof(VkInstanceCreateInfo), 64)]
    [InlineData(typeof(VkLayerProperties), 520)]
    [InlineData(typeof(VkPhysicalDeviceProperties), 824)]
    [InlineData(typeof(VkQueueFamilyProperties), 24)]
    [InlineData(typeof(VkPhysicalDeviceMemoryProperties), 520)]
    [InlineData(typeof(VkDeviceQueueCreateInfo), 40)]
    [InlineData(typeof(VkDeviceCreateInfo), 72)]
    [InlineData(typeof(VkMemoryAllocateInfo), 32)]
    [InlineData(typeof(VkMemoryRequirements), 24)]
    [InlineData(typeof(VkMappedMemoryRange), 40)]
    [InlineData(typeof(VkBufferCreateInfo), 56)]
    [InlineData(typeof(VkBufferCopy), 24)]
    [InlineData(typeof(VkBufferMemoryBarrier), 56)]
    [InlineData(typeof(VkShaderModuleCreateInfo), 40)]
    [InlineData(typeof(VkDescriptorSetLayoutBinding), 24)]
    [InlineData(typeof(VkDescriptorSetLayoutCreateInfo), 32)]
    [InlineData(typeof(VkPushConstantRange), 12)]
    [InlineData(typeof(VkPipelineLayoutCreateInfo), 48)]
    [InlineData(typeof(VkSpecializationMapEntry), 16)]
    [InlineData(typeof(VkSpecializationInfo), 32)]
    [InlineData(typeof(VkPipelineShaderStageCreateInfo), 48)]
    [InlineData(typeof(VkComputePipelineCreateInfo), 96)]
    [InlineData(typeof(VkDescriptorPoolSize), 8)]
    [InlineData(typeof(VkDescriptorPoolCreateInfo), 40)]
    [InlineData(typeof(VkDescriptorSetAllocateInfo), 40)]
    [InlineData(typeof(VkDescriptorBufferInfo), 24)]
    [InlineData(typeof(VkWriteDescriptorSet), 64)]
    [InlineData(typeof(VkCommandPoolCreateInfo), 24)]
    [InlineData(typeof(VkCommandBufferAllocateInfo), 32)]
    [InlineData(typeof(VkCommandBufferBeginInfo), 32)]
    [InlineData(typeof(VkSubmitInfo), 72)]
    [InlineData(typeof(VkFenceCreateInfo), 24)]
    [InlineData(typeof(VkQueryPoolCreateInfo), 32)]
    public void Struct_HasTheCHeaderSize(Type type, int size) => Assert.Equal(size, Marshal.SizeOf(type));

    /// <summary>The push-constant block must match Shaders/params.glsl's std430 "Frame" block: 4 vec4 + 10 scalars.</summary>
    [Fact]
    public void PushConstants_MatchTheShaderBlock()
    {
        Assert.Equal(104, Marshal.SizeOf<RenderPushConstants>());
        Assert.Equal(64, (int)Marshal.OffsetOf<RenderPushConstants>(nameof(RenderPushConstants.FocalPixels)));
        Assert.Equal(100, (int)Marshal.OffsetOf<RenderPushConstants>(nameof(RenderPushConstants.PlaneAxes)));
    }
}
