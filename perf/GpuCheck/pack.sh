#!/usr/bin/env bash
# Packs issue #11's GPU check into one folder (default .gpucheck/, ignored by git) that runs on a bare x86-64 GPU
# machine with an NVIDIA driver and nothing else: GpuCheck published self-contained and trimmed (the .NET runtime
# inside, the renderer alone: no ONNX Runtime, OpenCV or ASP.NET Core), the committed portrait's relief field, encoded
# here by the real encoder (`perf -- gpu-field`), and Debian's Vulkan loader with the libraries NVIDIA's Vulkan driver
# (libGLX_nvidia.so.0) loads (libglvnd, X11 client libraries), unpacked there into the folder, not into /.
# On the GPU machine: `.gpucheck/run.sh [--frames 300]` (45–55 s on an H200).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$root/.gpucheck}"
rm -rf "$out"
dotnet publish "$root/perf/GpuCheck/GpuCheck.csproj" -c Release -r linux-x64 --self-contained -p:PublishTrimmed=true --nologo -v quiet -o "$out/bin"
dotnet build "$root/perf/Perf.csproj" -c Release --nologo -v quiet
dotnet "$root/perf/bin/Release/net10.0/Perf.dll" gpu-field "$out/portrait.field"
mkdir -p "$out/debs"
(cd "$out/debs" && apt-get download -q libvulkan1 libglvnd0 libglx0 libgl1 libegl1 libgles2 libopengl0 \
    libx11-6 libx11-data libxext6 libxcb1 libxau6 libxdmcp6 libbsd0 libmd0 2>&1 | grep -v -i "unsandboxed" || true)
cat > "$out/run.sh" <<'RUN'
#!/usr/bin/env bash
# GPU check: the live sampler on the Vulkan renderer (the committed portrait and a synthetic field, 512² and 256²),
# the reference sampler on an EG3D-sized field, and sessions sharing the GPU.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# The Vulkan loader and what the NVIDIA driver loads, where the machine lacks them: unpacked beside this script.
if ! ldconfig -p | grep "libvulkan.so.1" > /dev/null && [ -d "$here/debs" ]; then
  mkdir -p "$here/sysroot"
  for deb in "$here"/debs/*.deb; do dpkg -x "$deb" "$here/sysroot"; done
  export LD_LIBRARY_PATH="$here/sysroot/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi
# The driver's own manifest where it is installed outside the loader's search path (as on the lent machines).
for icd in /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json /usr/share/vulkan/icd.d/nvidia_icd.json /etc/vulkan/icd.d/nvidia_icd.json; do
  if [ -z "${VK_DRIVER_FILES:-}" ] && [ -f "$icd" ]; then export VK_DRIVER_FILES="$icd"; fi
done
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.mem --format=csv,noheader
exec "$here/bin/GpuCheck" "$here/portrait.field" "$@"
RUN
chmod +x "$out/run.sh"
du -sh "$out"
