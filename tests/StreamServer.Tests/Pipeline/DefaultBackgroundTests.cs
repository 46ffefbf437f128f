using System.ComponentModel.DataAnnotations;
using PortraitStream.Renderer.Background;
using PortraitStream.Server.Pipeline;
using PortraitStream.Server.Pipeline.Control;

namespace PortraitStream.Server.Tests.Pipeline;

/// <summary><c>Pipeline:DefaultBackground</c>: what a new session shows around the person, checked at start-up.</summary>
public sealed class DefaultBackgroundTests
{
    [Theory]
    [InlineData("keep", BackgroundMode.Keep)]
    [InlineData("remove", BackgroundMode.Remove)]
    [InlineData("color:#00b140", BackgroundMode.Color)]
    public void ANewSession_StartsWithTheConfiguredBackground(string configured, BackgroundMode expected)
    {
        var options = new PipelineOptions { DefaultBackground = configured };
        Assert.Empty(Validate(options));
        Assert.Equal(expected, new SessionControl(options, TimeProvider.System).Background.Setting.Mode);
    }

    [Theory]
    [InlineData("green", "Pipeline:DefaultBackground: ")]
    [InlineData("color:#12", "Pipeline:DefaultBackground: ")]
    [InlineData("image:beach.jpg", "pictures are chosen per session")]
    public void AnUnusableDefault_IsRefusedAtStartUp_NamingTheSetting(string configured, string expected)
    {
        var error = Assert.Single(Validate(new PipelineOptions { DefaultBackground = configured }));
        Assert.Contains(expected, error.ErrorMessage);
        Assert.StartsWith("Pipeline:DefaultBackground", error.ErrorMessage);
    }

    private static List<ValidationResult> Validate(PipelineOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
