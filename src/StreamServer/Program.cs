using PortraitStream.Server.Cli;
using PortraitStream.Server.Hosting;

// A command name (detect, render, …) runs that offline command; anything else starts the server.
if (CommandLineInterface.IsCommand(args))
{
    return await CommandLineInterface.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddInference();
builder.Services.AddRendering();

var app = builder.Build();
app.MapGet("/healthz", () => "ok");
await app.RunAsync();
return 0;
