using System.Runtime.InteropServices;

namespace PortraitStream.Renderer.Vulkan.Interop;

/// <summary>
/// The only symbols bound by name from the loader: the global commands (Vulkan spec, "Command Function
/// Pointers": vkGetInstanceProcAddr with a NULL instance may only return these). Every other command comes through
/// <see cref="InstanceApi"/> and <see cref="DeviceApi"/>, so a call is dispatched straight to the driver.
/// </summary>
internal static unsafe partial class Vk
{
    public const string Library = "libvulkan.so.1";

    /// <summary>Whether the Vulkan loader can be loaded at all; the tests skip only when it cannot.</summary>
    public static bool LoaderPresent { get; } = NativeLibrary.TryLoad(Library, out _);

    /// <summary>vkGetInstanceProcAddr itself, as a function pointer to hand to <see cref="Resolve"/>.</summary>
    public static delegate* unmanaged<nint, byte*, nint> GetInstanceProcAddr =>
        (delegate* unmanaged<nint, byte*, nint>)NativeLibrary.GetExport(NativeLibrary.Load(Library), "vkGetInstanceProcAddr");

    [LibraryImport(Library)]
    public static partial VkResult vkCreateInstance(VkInstanceCreateInfo* createInfo, void* allocator, nint* instance);

    [LibraryImport(Library)]
    public static partial VkResult vkEnumerateInstanceLayerProperties(uint* count, VkLayerProperties* properties);

    [LibraryImport(Library)]
    public static partial VkResult vkEnumerateInstanceVersion(uint* apiVersion);

    /// <summary>Throws a <see cref="VulkanException"/> naming <paramref name="function"/> unless the call succeeded.
    /// Checked in every build configuration: a failed Vulkan call never goes unnoticed in Release.</summary>
    public static void Check(VkResult result, string function)
    {
        if (result < VkResult.Success)
        {
            throw new VulkanException(function, result);
        }
    }

    /// <summary>Resolves a command through a loader or driver ProcAddr function; a null answer is an error.</summary>
    public static nint Resolve(delegate* unmanaged<nint, byte*, nint> getProcAddr, nint owner, string name)
    {
        int length = System.Text.Encoding.ASCII.GetByteCount(name);
        byte* ascii = stackalloc byte[length + 1];
        System.Text.Encoding.ASCII.GetBytes(name, new Span<byte>(ascii, length));
        ascii[length] = 0;
        nint fn = getProcAddr(owner, ascii);
        return fn != 0 ? fn : throw new VulkanException($"{name} is not exported by the Vulkan implementation");
    }
}
