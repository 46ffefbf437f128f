using PortraitStream.Server.Pipeline.Control;
using PortraitStream.Server.Pipeline.Scheduling;
using PortraitStream.Server.Pipeline.Stats;
using PortraitStream.Server.WebRtc.Session;

namespace PortraitStream.Server.Pipeline;

internal static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// The live 3D pipeline: options from "Pipeline", the model catalog, the background pictures, per-connection
    /// controls, the stats pusher, and —
    /// unless configuration key <c>Mode</c> is <c>echo</c> — the pipeline as every session's video handler.
    /// Needs <c>AddInference()</c>, <c>AddRendering()</c> and <c>AddWebRtc()</c>.
    /// </summary>
    public static IServiceCollection AddPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PipelineOptions>().BindConfiguration(PipelineOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ModelCatalog>();
        services.AddSingleton<BackgroundLibrary>();
        services.AddSingleton<SessionRegistry>();
        services.AddSingleton<PipelineServices>();
        services.AddSingleton<RenderScheduler>();
        services.AddSingleton<ISessionAdmissionCheck>(sp => sp.GetRequiredService<RenderScheduler>());
        if (!string.Equals(configuration["Mode"], "echo", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<IVideoSessionHandler, PipelineVideoHandler>();
        }

        services.AddHostedService<StatsBroadcaster>();
        return services;
    }
}
