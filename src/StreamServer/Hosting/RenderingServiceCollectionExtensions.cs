using Microsoft.Extensions.Options;
using PortraitStream.Renderer;
using PortraitStream.Renderer.Vulkan;

namespace PortraitStream.Server.Hosting;

internal static class RenderingServiceCollectionExtensions
{
    /// <summary>The process-wide renderer factory (one shared Vulkan device, or the CPU reference), from "Renderer".</summary>
    public static IServiceCollection AddRendering(this IServiceCollection services)
    {
        services.AddOptions<RendererOptions>().BindConfiguration(RendererOptions.Section)
            .Validate(o => Enum.IsDefined(o.Kind), "Renderer:Kind must be Auto, Vulkan or Cpu").ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<RendererOptions>>().Value;
            var vulkan = new VulkanOptions { DeviceName = options.DeviceName };
            if (options.Validation)
            {
                vulkan = vulkan with { Validation = true }; // else the default honours PORTRAIT_VULKAN_VALIDATION
            }
            return new VolumeRendererFactory(options.Kind, sp.GetRequiredService<ILogger<VolumeRendererFactory>>(), vulkan);
        });
        services.AddHostedService<StartupChoices>();
        return services;
    }
}
