using Microsoft.Extensions.Options;
using PortraitStream.Inference.Onnx;

namespace PortraitStream.Server.Hosting;

internal static class InferenceServiceCollectionExtensions
{
    /// <summary>The process-wide ONNX Runtime session factory, with the execution provider from "Inference".</summary>
    public static IServiceCollection AddInference(this IServiceCollection services)
    {
        services.AddOptions<InferenceOptions>().BindConfiguration(InferenceOptions.Section)
            .Validate(o => Enum.IsDefined(o.ExecutionProvider), "Inference:ExecutionProvider must be Auto, Cpu or Cuda").ValidateOnStart();
        services.AddSingleton(sp => new OnnxSessionFactory(
            sp.GetRequiredService<ILogger<OnnxSessionFactory>>(), sp.GetRequiredService<IOptions<InferenceOptions>>().Value.ExecutionProvider));
        services.AddHostedService<StartupChoices>();
        return services;
    }
}
