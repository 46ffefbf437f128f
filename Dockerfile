# The server's container image: Debian 12, built by the project's own ./setup.sh, run as a non-root user.
#   docker build -t portraitstream .            (the context is the repository root; with podman, `podman build
#                                               --format docker .`: the OCI format has no HEALTHCHECK)
#   docker run --gpus all -e Auth__Token="$(openssl rand -hex 32)" \
#     -p 5000:5000 -p 40000-40099:40000-40099/udp -e WebRtc__AnnouncedAddresses__0=HOST_IPV4 portraitstream
# Kubernetes, draining and capacity: docs/deployment.md.

# Where the .NET 10 SDK's files come from: Microsoft publishes them as this image; only its /usr/share/dotnet is used,
# on Debian 12 below. A build arg so that a mirror or a local copy can stand in.
ARG DOTNET_SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG DEBIAN_IMAGE=debian:12

FROM ${DOTNET_SDK_IMAGE} AS dotnet

# Build: exactly what a Debian 12 machine runs, ./setup.sh, for the server alone (--server: no test browsers or Python).
FROM ${DEBIAN_IMAGE} AS build
# libicu72: .NET's globalization; setup.sh takes the .NET SDK as given.
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ca-certificates libicu72 \
    && rm -rf /var/lib/apt/lists/*
COPY --from=dotnet /usr/share/dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
WORKDIR /src
COPY . .
# The compiler server the build leaves running would otherwise outlive the step (and its socket end up in the layer).
RUN ./setup.sh --server && dotnet build-server shutdown
# The server as tests and `dotnet run` see it: its build output (models included) as the content root, the page and
# the SignalR client beside it where the server looks for them (web/, node_modules/@microsoft/signalr/dist/browser).
# Native libraries for other operating systems stay behind.
RUN mkdir -p /app/node_modules/@microsoft/signalr/dist \
    && cp -a src/StreamServer/bin/Release/net10.0/. /app/ \
    && find /app/runtimes -mindepth 1 -maxdepth 1 ! -name 'linux-*' -exec rm -rf {} + \
    && cp -a web /app/web \
    && cp -a node_modules/@microsoft/signalr/dist/browser /app/node_modules/@microsoft/signalr/dist/browser

# Run: Debian 12 with the .NET runtime (not the SDK) and the shared libraries the server loads — setup.sh's list less
# the build tools (glslc, nodejs, npm): Vulkan loader + lavapipe (the CPU fallback; on a GPU node the NVIDIA container
# toolkit adds the driver's Vulkan ICD when NVIDIA_DRIVER_CAPABILITIES includes graphics), libvpx/libopenh264/libyuv/libssl (media
# edge), ffmpeg (render-video), freetype/harfbuzz/GTK 3 (OpenCvSharp's native library links them), and curl for the
# HEALTHCHECK.
FROM ${DEBIAN_IMAGE}
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ca-certificates curl \
      libicu72 libvulkan1 mesa-vulkan-drivers libvpx7 libopenh264-7 libyuv0 libssl3 ffmpeg libfreetype6 libharfbuzz0b libgtk-3-0 \
    && rm -rf /var/lib/apt/lists/*
COPY --from=dotnet /usr/share/dotnet/dotnet /usr/share/dotnet/LICENSE.txt /usr/share/dotnet/ThirdPartyNotices.txt /usr/share/dotnet/
COPY --from=dotnet /usr/share/dotnet/host /usr/share/dotnet/host
COPY --from=dotnet /usr/share/dotnet/shared /usr/share/dotnet/shared
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet \
    && groupadd --system --gid 10001 portrait \
    && useradd --system --uid 10001 --gid portrait --create-home --home-dir /home/portrait portrait
COPY --from=build /app /app
WORKDIR /app
USER 10001:10001
# Every interface, which the server allows only with a token or JWT (Auth__Token, Auth__Jwt__Authority) or
# Auth__AllowAnonymous=true: without one it stops at start and says why. A fixed UDP range, so it can be published.
# "Urls" rather than ASPNETCORE_URLS: appsettings.json's own Urls would win over the latter.
ENV Urls=http://0.0.0.0:5000 \
    WebRtc__PortMin=40000 \
    WebRtc__PortMax=40099 \
    NVIDIA_DRIVER_CAPABILITIES=compute,utility,graphics
EXPOSE 5000/tcp 40000-40099/udp
# Liveness only (/healthz): readiness (/readyz) is 503 while the model loads, at the session limit and while draining,
# none of which should mark the container unhealthy.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS --max-time 4 http://127.0.0.1:5000/healthz || exit 1
# SIGTERM drains: readiness 503, no new sessions, open ones finish (Hosting__DrainTimeout, default 5 min) — give
# `docker stop -t 330` or more.
STOPSIGNAL SIGTERM
ENTRYPOINT ["dotnet", "/app/PortraitStream.Server.dll"]
