#!/usr/bin/env bash
# Packs issue #11's GPU check into one folder (default .gpucheck/, ignored by git) that runs on a bare x86-64 GPU
# machine with an NVIDIA driver and a Vulkan loader and nothing else: GpuCheck published self-contained and trimmed (the .NET
# runtime inside, the renderer alone: no ONNX Runtime, OpenCV or ASP.NET Core) and the committed portrait's relief
# field, encoded here by the real encoder (`perf -- gpu-field`). On the GPU machine: `.gpucheck/run.sh` (≈ 1 min).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$root/.gpucheck}"
rm -rf "$out"
dotnet publish "$root/perf/GpuCheck/GpuCheck.csproj" -c Release -r linux-x64 --self-contained -p:PublishTrimmed=true --nologo -v quiet -o "$out/bin"
dotnet build "$root/perf/Perf.csproj" -c Release --nologo -v quiet
dotnet "$root/perf/bin/Release/net10.0/Perf.dll" gpu-field "$out/portrait.field"
cat > "$out/run.sh" <<'RUN'
#!/usr/bin/env bash
# GPU check: live sampler on the Vulkan renderer, the committed portrait and a synthetic field, 512² and 256².
here="$(cd "$(dirname "$0")" && pwd)"
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.mem --format=csv,noheader
exec "$here/bin/GpuCheck" "$here/portrait.field" "$@"
RUN
chmod +x "$out/run.sh"
du -sh "$out"
