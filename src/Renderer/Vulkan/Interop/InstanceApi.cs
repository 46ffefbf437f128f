namespace PortraitStream.Renderer.Vulkan.Interop;

/// <summary>
/// Instance-level commands, resolved once per instance through vkGetInstanceProcAddr (Vulkan spec, "Command Function Pointers").
/// Handles: dispatchable ones (VkInstance, VkPhysicalDevice, VkDevice) are pointers, <c>nint</c>.
/// </summary>
internal sealed unsafe class InstanceApi
{
    public InstanceApi(nint instance)
    {
        var gipa = Vk.GetInstanceProcAddr;
        nint Get(string name) => Vk.Resolve(gipa, instance, name);
        DestroyInstance = (delegate* unmanaged<nint, void*, void>)Get("vkDestroyInstance");
        EnumeratePhysicalDevices = (delegate* unmanaged<nint, uint*, nint*, VkResult>)Get("vkEnumeratePhysicalDevices");
        GetPhysicalDeviceProperties = (delegate* unmanaged<nint, VkPhysicalDeviceProperties*, void>)Get("vkGetPhysicalDeviceProperties");
        GetPhysicalDeviceQueueFamilyProperties = (delegate* unmanaged<nint, uint*, VkQueueFamilyProperties*, void>)Get("vkGetPhysicalDeviceQueueFamilyProperties");
        GetPhysicalDeviceMemoryProperties = (delegate* unmanaged<nint, VkPhysicalDeviceMemoryProperties*, void>)Get("vkGetPhysicalDeviceMemoryProperties");
        CreateDevice = (delegate* unmanaged<nint, VkDeviceCreateInfo*, void*, nint*, VkResult>)Get("vkCreateDevice");
        GetDeviceProcAddr = (delegate* unmanaged<nint, byte*, nint>)Get("vkGetDeviceProcAddr");
    }

    public readonly delegate* unmanaged<nint, void*, void> DestroyInstance;
    public readonly delegate* unmanaged<nint, uint*, nint*, VkResult> EnumeratePhysicalDevices;
    public readonly delegate* unmanaged<nint, VkPhysicalDeviceProperties*, void> GetPhysicalDeviceProperties;
    public readonly delegate* unmanaged<nint, uint*, VkQueueFamilyProperties*, void> GetPhysicalDeviceQueueFamilyProperties;
    public readonly delegate* unmanaged<nint, VkPhysicalDeviceMemoryProperties*, void> GetPhysicalDeviceMemoryProperties;
    public readonly delegate* unmanaged<nint, VkDeviceCreateInfo*, void*, nint*, VkResult> CreateDevice;
    public readonly delegate* unmanaged<nint, byte*, nint> GetDeviceProcAddr;
}
