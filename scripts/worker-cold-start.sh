#!/usr/bin/env bash
# Worker mode's cold start: publishes the app (scripts/package.sh) and an empty isolated-worker app with the same
# packages (bench/EmptyWorker) the same way, then starts each RUNS times, interleaved, as the Functions host starts a
# worker (--functions-uri …), and times how long each takes to dial the host's gRPC address (ready to connect).
#   ./scripts/worker-cold-start.sh            # 10 runs each
#   RUNS=20 ./scripts/worker-cold-start.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-10}
source scripts/lib-azurite.sh

work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

bash scripts/package.sh "$work" >/dev/null
dotnet publish bench/EmptyWorker -c Release --nologo -v q -o "$work/empty" >/dev/null
dotnet build -c Release --nologo -v q bench/CareerKit.WorkerStart >/dev/null
start_azurite 17380

# The builds just kept both cores busy: let the machine settle (1-minute load under 1, at most 2 minutes) first.
for _ in $(seq 1 24); do awk '{exit !($1 < 1.0)}' /proc/loadavg && break; sleep 5; done
echo "machine: $(nproc) cores, $(free -h | awk '/Mem:/ {print $2}') RAM, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
# The app's production settings, as the Bicep sets them (storage here is Azurite by connection string).
export AzureWebJobsStorage="$STORAGE" CareerKit__PublicBaseUrl=https://careerkit.example \
  CareerKit__SigningKey=cold-start-signing-key-0123456789-abcdefghijkl CareerKit__OutboxPath="$work/outbox" \
  CareerKit__TelemetryConsole=false SEND_QUEUE_NAME=send-batches ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning
dotnet bench/CareerKit.WorkerStart/bin/Release/net10.0/CareerKit.WorkerStart.dll --runs "$RUNS" \
  --executable "$work/package/CareerKit.Functions" --executable "$work/empty/EmptyWorker"
