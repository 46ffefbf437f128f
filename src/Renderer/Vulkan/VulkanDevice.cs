using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Silk.NET.Vulkan;

namespace PortraitStream.Renderer.Vulkan;

/// <summary>
/// The process's Vulkan device: instance, chosen physical device, logical device and one compute queue. Shared by
/// every renderer (session): queue submission is serialised here because a VkQueue is externally synchronised
/// (Vulkan spec, "Threading Behavior"); everything else a renderer records is its own. Counts live Vulkan
/// objects so that tests can prove a renderer frees what it creates.
/// </summary>
public sealed unsafe partial class VulkanDevice : IDisposable
{
    private readonly VulkanInstance _instance;
    private readonly PhysicalDeviceMemoryProperties _memory;
    private readonly Lock _queueLock = new();
    private int _liveObjects;
    private Device _handle;

    private VulkanDevice(VulkanInstance instance, PhysicalDeviceInfo info, Device handle, TimeSpan? frameTimeout)
    {
        _instance = instance;
        Info = info;
        FrameTimeout = frameTimeout ?? (info.Kind == VulkanDeviceKind.Cpu ? TimeSpan.FromMinutes(10) : TimeSpan.FromSeconds(60));
        _handle = handle;
        // Device commands are resolved through vkGetDeviceProcAddr from here on, so calls skip the loader's dispatch
        // trampoline (Vulkan spec, "Command Function Pointers").
        Api.CurrentDevice = handle;
        PhysicalDeviceMemoryProperties memory;
        Api.GetPhysicalDeviceMemoryProperties(info.Handle, &memory);
        _memory = memory;
        Queue queue;
        Api.GetDeviceQueue(handle, info.ComputeQueueFamily, 0, &queue);
        Queue = queue;
    }

    public PhysicalDeviceInfo Info { get; }

    /// <summary>Whether the Vulkan loader (libvulkan.so.1) is installed at all; a device may still be missing.</summary>
    public static bool LoaderPresent => VulkanInstance.LoaderPresent;

    public bool ValidationEnabled => _instance.ValidationEnabled;

    /// <summary>Longest wait for one submitted frame (<see cref="VulkanOptions.FrameTimeout"/>).</summary>
    public TimeSpan FrameTimeout { get; }

    /// <summary>Vulkan objects and memory allocations alive on this device, created through this binding.</summary>
    public int LiveObjects => Volatile.Read(ref _liveObjects);

    /// <summary>The Silk.NET command table of this device's instance (see <see cref="VulkanInstance"/>).</summary>
    internal Vk Api => _instance.Api;
    internal Device Handle => _handle.Handle != 0 ? _handle : throw new ObjectDisposedException(nameof(VulkanDevice));
    internal Queue Queue { get; }
    internal uint QueueFamily => Info.ComputeQueueFamily;

    /// <summary>Creates the device on the best physical device: discrete GPU, then integrated, virtual, CPU.</summary>
    /// <exception cref="VulkanException">No loader, no driver, or no device that can run the renderer.</exception>
    public static VulkanDevice Create(VulkanOptions? options = null, ILogger? logger = null)
    {
        options ??= new VulkanOptions();
        logger ??= NullLogger.Instance;
        var instance = VulkanInstance.Create(options.Validation);
        try
        {
            if (options.Validation && !instance.ValidationEnabled)
            {
                Log.ValidationMissing(logger);
            }
            var info = Choose(instance, options.DeviceName);
            var device = new VulkanDevice(instance, info, CreateLogical(instance, info), options.FrameTimeout);
            Log.DeviceChosen(logger, info.Name, info.Kind, info.ApiVersion);
            return device;
        }
        catch
        {
            instance.Dispose();
            throw;
        }
    }

    /// <summary>Submits one command buffer, signalling <paramref name="fence"/> when it completes.</summary>
    internal void Submit(CommandBuffer commandBuffer, Fence fence)
    {
        var submit = new SubmitInfo { SType = StructureType.SubmitInfo, CommandBufferCount = 1, PCommandBuffers = &commandBuffer };
        lock (_queueLock)
        {
            Api.QueueSubmit(Queue, 1, &submit, fence).Check("vkQueueSubmit");
        }
    }

    /// <summary>The first memory type allowed by <paramref name="typeBits"/> with all <paramref name="required"/>
    /// flags, preferring one that also has <paramref name="preferred"/> (the selection loop in the Vulkan spec, "Device Memory").</summary>
    internal uint MemoryType(uint typeBits, MemoryPropertyFlags required, MemoryPropertyFlags preferred)
    {
        for (int pass = 0; pass < 2; pass++)
        {
            var wanted = pass == 0 ? required | preferred : required;
            for (int i = 0; i < _memory.MemoryTypeCount; i++)
            {
                if ((typeBits & (1u << i)) != 0 && (MemoryFlags((uint)i) & wanted) == wanted)
                {
                    return (uint)i;
                }
            }
        }
        throw new VulkanException($"no Vulkan memory type with flags {required} on {Info.Name}");
    }

    internal MemoryPropertyFlags MemoryFlags(uint type) => _memory.MemoryTypes[(int)type].PropertyFlags;

    internal void Created() => Interlocked.Increment(ref _liveObjects);

    internal void Destroyed() => Interlocked.Decrement(ref _liveObjects);

    public void Dispose()
    {
        if (_handle.Handle == 0)
        {
            return;
        }
        // vkDestroyDevice requires all work on the device to have completed (Vulkan spec, "Device Destruction").
        Api.DeviceWaitIdle(_handle).Check("vkDeviceWaitIdle");
        Api.DestroyDevice(_handle, null);
        _handle = default;
        _instance.Dispose();
    }

    private static PhysicalDeviceInfo Choose(VulkanInstance instance, string? name)
    {
        var usable = instance.PhysicalDevices()
            .Select(d => PhysicalDeviceInfo.Describe(instance.Api, d))
            .OfType<PhysicalDeviceInfo>()
            .Where(d => name is null || d.Name.Contains(name, StringComparison.OrdinalIgnoreCase))
            .OrderBy(d => d.Kind)
            .ToList();
        return usable.Count > 0
            ? usable[0]
            : throw new VulkanException(name is null
                ? "no Vulkan 1.2 device with a compute queue (install a driver: mesa-vulkan-drivers provides lavapipe)"
                : $"no Vulkan 1.2 device with a compute queue whose name contains '{name}'");
    }

    private static Device CreateLogical(VulkanInstance instance, PhysicalDeviceInfo info)
    {
        float priority = 1f;
        var queue = new DeviceQueueCreateInfo
        {
            SType = StructureType.DeviceQueueCreateInfo,
            QueueFamilyIndex = info.ComputeQueueFamily,
            QueueCount = 1,
            PQueuePriorities = &priority,
        };
        // No features or extensions: fp16 triplanes are read as packed uints (unpackHalf2x16, core GLSL 4.20), so
        // the renderer runs on any 1.2 device without storageBuffer16BitAccess.
        var create = new DeviceCreateInfo { SType = StructureType.DeviceCreateInfo, QueueCreateInfoCount = 1, PQueueCreateInfos = &queue };
        Device device;
        instance.Api.CreateDevice(info.Handle, &create, null, &device).Check("vkCreateDevice");
        return device;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Vulkan device: {Name} ({Kind}, API {Api})")]
        public static partial void DeviceChosen(ILogger logger, string name, VulkanDeviceKind kind, string api);

        [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Vulkan validation requested but VK_LAYER_KHRONOS_validation is not installed (Debian: vulkan-validationlayers); continuing without it")]
        public static partial void ValidationMissing(ILogger logger);
    }
}
