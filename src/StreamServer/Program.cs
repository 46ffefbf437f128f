using PortraitStream.Server.Cli;
using PortraitStream.Server.Hosting;
using PortraitStream.Server.Pipeline;
using PortraitStream.Server.WebRtc;

// A command name (detect, render, render-video, …) runs that offline command; anything else starts the server.
if (CommandLineInterface.IsCommand(args))
{
    return await CommandLineInterface.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddInference();
builder.Services.AddRendering();
builder.Services.AddWebRtc(builder.Configuration);
builder.Services.AddPipeline(builder.Configuration);

var app = builder.Build();
app.MapWebRtc();
app.MapGet("/healthz", () => "ok");
await app.RunAsync();
return 0;
