using System.Runtime.InteropServices;
using System.Text;
using Silk.NET.Core;
using Silk.NET.Vulkan;

namespace PortraitStream.Renderer.Vulkan;

/// <summary>
/// A VkInstance and the Silk.NET <see cref="Vk"/> table that calls it. Owned by <see cref="VulkanDevice"/>. Each
/// instance has its own <see cref="Vk"/>: Silk.NET resolves commands for its current instance and device (through
/// vkGetInstanceProcAddr / vkGetDeviceProcAddr, Vulkan spec, "Command Function Pointers") and caches them per object,
/// so two devices — one with the validation layer, one without — must not share one.
/// </summary>
internal sealed unsafe class VulkanInstance : IDisposable
{
    /// <summary>The loader's soname on Linux, the name Silk.NET loads too.</summary>
    public const string Library = "libvulkan.so.1";

    private const string ValidationLayer = "VK_LAYER_KHRONOS_validation";

    private VulkanInstance(Vk api, Instance handle, bool validation)
    {
        Api = api;
        Handle = handle;
        ValidationEnabled = validation;
    }

    /// <summary>Whether the Vulkan loader can be loaded at all; the tests skip only when it cannot.</summary>
    public static bool LoaderPresent { get; } = NativeLibrary.TryLoad(Library, out _);

    public Vk Api { get; }
    public Instance Handle { get; private set; }
    public bool ValidationEnabled { get; }

    /// <summary>Creates an instance for API 1.2; adds the validation layer when asked and installed.</summary>
    public static VulkanInstance Create(bool validation)
    {
        if (!LoaderPresent)
        {
            throw new VulkanException($"the Vulkan loader ({Library}) is not installed: apt-get install libvulkan1 mesa-vulkan-drivers");
        }
        var api = Vk.GetApi();
        try
        {
            uint loaderVersion;
            api.EnumerateInstanceVersion(&loaderVersion).Check("vkEnumerateInstanceVersion");
            if (loaderVersion < Vk.Version12)
            {
                throw new VulkanException($"the Vulkan loader supports API {VersionText(loaderVersion)}; the renderer needs 1.2");
            }
            bool useLayer = validation && LayerInstalled(api, ValidationLayer);
            byte[] appName = Encoding.ASCII.GetBytes("PortraitStream\0");
            byte[] layerName = Encoding.ASCII.GetBytes(ValidationLayer + "\0");
            fixed (byte* pApp = appName)
            fixed (byte* pLayer = layerName)
            {
                var app = new ApplicationInfo
                {
                    SType = StructureType.ApplicationInfo,
                    PApplicationName = pApp,
                    PEngineName = pApp,
                    ApiVersion = Vk.Version12,
                };
                byte* layers = pLayer;
                var info = new InstanceCreateInfo
                {
                    SType = StructureType.InstanceCreateInfo,
                    PApplicationInfo = &app,
                    EnabledLayerCount = useLayer ? 1u : 0u,
                    PpEnabledLayerNames = useLayer ? &layers : null,
                };
                Instance instance;
                api.CreateInstance(&info, null, &instance).Check("vkCreateInstance");
                // From here on Silk.NET resolves commands through this instance, not the loader's global table.
                api.CurrentInstance = instance;
                return new VulkanInstance(api, instance, useLayer);
            }
        }
        catch
        {
            api.Dispose();
            throw;
        }
    }

    /// <summary>Every physical device the instance reports (may be empty: a loader without any driver).</summary>
    public PhysicalDevice[] PhysicalDevices()
    {
        uint count;
        Api.EnumeratePhysicalDevices(Handle, &count, null).Check("vkEnumeratePhysicalDevices");
        var devices = new PhysicalDevice[count];
        fixed (PhysicalDevice* p = devices)
        {
            // VK_INCOMPLETE only if a device appeared between the two calls; the first `count` are still valid.
            Api.EnumeratePhysicalDevices(Handle, &count, p).Check("vkEnumeratePhysicalDevices");
        }
        return devices[..(int)count];
    }

    public static string VersionText(uint version)
    {
        var v = (Version32)version;
        return $"{v.Major}.{v.Minor}.{v.Patch}";
    }

    private static bool LayerInstalled(Vk api, string name)
    {
        uint count;
        api.EnumerateInstanceLayerProperties(&count, null).Check("vkEnumerateInstanceLayerProperties");
        var layers = new LayerProperties[count];
        fixed (LayerProperties* p = layers)
        {
            api.EnumerateInstanceLayerProperties(&count, p).Check("vkEnumerateInstanceLayerProperties");
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
        if (Handle.Handle != 0)
        {
            Api.DestroyInstance(Handle, null);
            Handle = default;
            Api.Dispose();
        }
    }
}
