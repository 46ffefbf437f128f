using System.Runtime.InteropServices;
using System.Text;
using PortraitStream.Renderer.Vulkan.Interop;

namespace PortraitStream.Renderer.Vulkan;

/// <summary>A VkInstance and its instance-level commands. Owned by <see cref="VulkanDevice"/>.</summary>
internal sealed unsafe class VulkanInstance : IDisposable
{
    private const string ValidationLayer = "VK_LAYER_KHRONOS_validation";

    private VulkanInstance(nint handle, bool validation)
    {
        Handle = handle;
        Api = new InstanceApi(handle);
        ValidationEnabled = validation;
    }

    public nint Handle { get; private set; }
    public InstanceApi Api { get; }
    public bool ValidationEnabled { get; }

    /// <summary>Creates an instance for API 1.2; adds the validation layer when asked and installed.</summary>
    public static VulkanInstance Create(bool validation)
    {
        if (!Vk.LoaderPresent)
        {
            throw new VulkanException($"the Vulkan loader ({Vk.Library}) is not installed: apt-get install libvulkan1 mesa-vulkan-drivers");
        }
        uint loaderVersion;
        Vk.Check(Vk.vkEnumerateInstanceVersion(&loaderVersion), "vkEnumerateInstanceVersion");
        if (loaderVersion < VkConst.ApiVersion12)
        {
            throw new VulkanException($"the Vulkan loader supports API {VersionText(loaderVersion)}; the renderer needs 1.2");
        }
        bool useLayer = validation && LayerInstalled(ValidationLayer);
        byte[] appName = Encoding.ASCII.GetBytes("PortraitStream\0");
        byte[] layerName = Encoding.ASCII.GetBytes(ValidationLayer + "\0");
        fixed (byte* pApp = appName)
        fixed (byte* pLayer = layerName)
        {
            var app = new VkApplicationInfo
            {
                SType = VkConst.StApplicationInfo,
                PApplicationName = pApp,
                PEngineName = pApp,
                ApiVersion = VkConst.ApiVersion12,
            };
            byte* layers = pLayer;
            var info = new VkInstanceCreateInfo
            {
                SType = VkConst.StInstanceCreateInfo,
                PApplicationInfo = &app,
                EnabledLayerCount = useLayer ? 1u : 0u,
                PpEnabledLayerNames = useLayer ? &layers : null,
            };
            nint instance;
            Vk.Check(Vk.vkCreateInstance(&info, null, &instance), "vkCreateInstance");
            return new VulkanInstance(instance, useLayer);
        }
    }

    /// <summary>Every physical device the instance reports (may be empty: a loader without any driver).</summary>
    public nint[] PhysicalDevices()
    {
        uint count;
        Vk.Check(Api.EnumeratePhysicalDevices(Handle, &count, null), "vkEnumeratePhysicalDevices");
        var devices = new nint[count];
        fixed (nint* p = devices)
        {
            // VK_INCOMPLETE only if a device appeared between the two calls; the first `count` are still valid.
            Vk.Check(Api.EnumeratePhysicalDevices(Handle, &count, p), "vkEnumeratePhysicalDevices");
        }
        return devices[..(int)count];
    }

    public static string VersionText(uint v) => $"{v >> 22}.{(v >> 12) & 0x3FF}.{v & 0xFFF}";

    private static bool LayerInstalled(string name)
    {
        uint count;
        Vk.Check(Vk.vkEnumerateInstanceLayerProperties(&count, null), "vkEnumerateInstanceLayerProperties");
        var layers = new VkLayerProperties[count];
        fixed (VkLayerProperties* p = layers)
        {
            Vk.Check(Vk.vkEnumerateInstanceLayerProperties(&count, p), "vkEnumerateInstanceLayerProperties");
            for (int i = 0; i < count; i++)
            {
                if (Marshal.PtrToStringAnsi((nint)p[i].LayerName) == name)
                {
                    return true;
                }
            }
        }
        return false;
    }

    public void Dispose()
    {
        if (Handle != 0)
        {
            Api.DestroyInstance(Handle, null);
            Handle = 0;
        }
    }
}
