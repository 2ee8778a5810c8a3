#!/usr/bin/env bash
# Worker mode's cold start: publishes the app (scripts/package.sh) and an empty isolated-worker app with the same
# packages (bench/EmptyWorker) the same way, then starts each RUNS times, interleaved, as the Functions host starts a
# worker (--functions-uri …), and times how long each takes to dial the host's gRPC address (ready to connect).
#   ./scripts/worker-cold-start.sh            # 10 runs each
#   RUNS=20 ./scripts/worker-cold-start.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-10}
BLOB=17380; QUEUE=17381; TABLE=17382
STORAGE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$BLOB/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$QUEUE/devstoreaccount1;TableEndpoint=http://127.0.0.1:$TABLE/devstoreaccount1;"

work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

bash scripts/package.sh "$work" >/dev/null
dotnet publish bench/EmptyWorker -c Release --nologo -v q -o "$work/empty" >/dev/null
dotnet build -c Release --nologo -v q bench/CareerKit.WorkerStart >/dev/null
node_modules/.bin/azurite --silent --inMemoryPersistence --skipApiVersionCheck --disableTelemetry \
  --blobHost 127.0.0.1 --blobPort $BLOB --queueHost 127.0.0.1 --queuePort $QUEUE --tableHost 127.0.0.1 --tablePort $TABLE &
pids+=($!)
for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$TABLE") 2>/dev/null && break; sleep 0.2; done

# The builds just kept both cores busy: let the machine settle (1-minute load under 1, at most 2 minutes) first.
for _ in $(seq 1 24); do awk '{exit !($1 < 1.0)}' /proc/loadavg && break; sleep 5; done
echo "machine: $(nproc) cores, $(free -h | awk '/Mem:/ {print $2}') RAM, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
# The app's production settings, as the Bicep sets them (storage here is Azurite by connection string).
export AzureWebJobsStorage="$STORAGE" CareerKit__PublicBaseUrl=https://careerkit.example \
  CareerKit__SigningKey=cold-start-signing-key-0123456789-abcdefghijkl CareerKit__OutboxPath="$work/outbox" \
  CareerKit__TelemetryConsole=false SEND_QUEUE_NAME=send-batches ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning
dotnet bench/CareerKit.WorkerStart/bin/Release/net10.0/CareerKit.WorkerStart.dll --runs "$RUNS" \
  --executable "$work/package/CareerKit.Functions" --executable "$work/empty/EmptyWorker"
