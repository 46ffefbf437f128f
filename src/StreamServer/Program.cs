using PortraitStream.Server.WebRtc;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddWebRtc(builder.Configuration);
var app = builder.Build();
app.MapWebRtc();
app.MapGet("/healthz", () => "ok");
app.Run();
