#!/usr/bin/env bash
# Runs every test (unit, integration, browser end-to-end) on CPU: ONNX Runtime CPU EP, Vulkan on lavapipe.
# Expects ./setup.sh to have run. Extra arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~Face").
set -euo pipefail
cd "$(dirname "$0")"
results=artifacts/test-results
rm -rf "$results"
status=0
dotnet test PortraitStream.slnx -c Release --nologo --logger "trx" --results-directory "$results" "$@" || status=$?

# One closing line over all test projects, in the plain "N passed, N failed, N skipped" form.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); passed=$((passed + ${p:-0}))
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters"); failed=$((failed + ${f:-0}))
  n=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters"); skipped=$((skipped + ${n:-0}))
done
echo "Tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
