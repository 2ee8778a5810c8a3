#!/usr/bin/env bash
# Cold start of the deployable package: builds it (scripts/package.sh), starts Azurite in memory, then starts the
# packaged executable RUNS times standalone and times its first GET / and its first resume PDF.
#   ./scripts/cold-start.sh            # 10 runs
#   RUNS=20 ./scripts/cold-start.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-10}
source scripts/lib-azurite.sh

work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

bash scripts/package.sh "$work" >/dev/null
dotnet build -c Release --nologo -v q bench/CareerKit.ColdStart >/dev/null
start_azurite 17280

# The build just kept both cores busy: let the machine settle (1-minute load under 1, at most 2 minutes) first.
for _ in $(seq 1 24); do awk '{exit !($1 < 1.0)}' /proc/loadavg && break; sleep 5; done
echo "machine: $(nproc) cores, $(free -h | awk '/Mem:/ {print $2}') RAM, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
export AzureWebJobsStorage="$STORAGE" CareerKit__PublicBaseUrl=https://careerkit.example \
  CareerKit__SigningKey=cold-start-signing-key-0123456789-abcdefghijkl CareerKit__OutboxPath="$work/outbox" \
  CareerKit__TelemetryConsole=false CareerKit__LocalScheduler=false ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning
dotnet bench/CareerKit.ColdStart/bin/Release/net10.0/CareerKit.ColdStart.dll --executable "$work/package/CareerKit.Functions" --runs "$RUNS" \
  --resume bench/CareerKit.Benchmarks/reference-resume.json
