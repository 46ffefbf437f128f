using PortraitStream.Server.Diagnostics;
using PortraitStream.Server.Pipeline.Control;
using PortraitStream.Server.Pipeline.Health;
using PortraitStream.Server.Pipeline.Scheduling;
using PortraitStream.Server.Pipeline.Stats;
using PortraitStream.Server.Media.Sessions;
using PortraitStream.Server.WebRtc.Session;

namespace PortraitStream.Server.Pipeline;

internal static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// The live 3D pipeline: options from "Pipeline", the model catalog, the background pictures, the session
    /// records (controls and watchers), the stats pusher, and —
    /// unless configuration key <c>Mode</c> is <c>echo</c> — the pipeline as every session's video handler, with the
    /// default model loaded and the pipeline run once at start-up (<see cref="PipelineWarmup"/>) and readiness checks that wait
    /// for both.
    /// Needs <c>AddInference()</c>, <c>AddRendering()</c>, <c>AddWebRtc()</c> and <see cref="ServerMetrics"/>.
    /// </summary>
    public static IServiceCollection AddPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PipelineOptions>().BindConfiguration(PipelineOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ModelCatalog>();
        services.AddSingleton<BackgroundLibrary>();
        services.AddSingleton<SessionRegistry>();
        services.AddHostedService<SessionRegistryFeed>();
        services.AddSingleton<PipelineServices>();
        services.AddSingleton<RenderScheduler>();
        services.AddSingleton<ISessionAdmissionCheck>(sp => sp.GetRequiredService<RenderScheduler>());
        if (!string.Equals(configuration["Mode"], "echo", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<IMediaSessionHandler, PipelineVideoHandler>();
            services.AddSingleton<PipelineWarmup>();
            services.AddHostedService(sp => sp.GetRequiredService<PipelineWarmup>());
            services.AddHealthChecks()
                .AddCheck<DefaultModelCheck>("model", tags: [Readiness.Tag])
                .AddCheck<PipelineWarmupCheck>("warm-up", tags: [Readiness.Tag]);
        }

        services.AddHostedService<StatsBroadcaster>();
        return services;
    }
}
