using PortraitStream.Server.Cli;

// A command name (detect, render, …) runs that offline command; anything else starts the server.
if (CommandLineInterface.IsCommand(args))
{
    return await CommandLineInterface.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/healthz", () => "ok");
await app.RunAsync();
return 0;
