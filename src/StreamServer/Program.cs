using PortraitStream.Server.Cli;
using PortraitStream.Server.Hosting;

// A command name (detect, render, render-video, …) runs that offline command; anything else starts the server.
if (CommandLineInterface.IsCommand(args))
{
    return await CommandLineInterface.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddPortraitStream();

await using var app = builder.Build();
app.MapPortraitStream();
try
{
    await app.StartAsync();
}
catch (Exception e) when (StartupFailure.Describe(e) is { } reason)
{
    await Console.Error.WriteLineAsync($"PortraitStream: cannot start: {reason}");
    return StartupFailure.ExitCode;
}
await app.WaitForShutdownAsync();
return 0;
