#!/usr/bin/env bash
# Load benchmark of sign-up, the sign-up page and tailored resume PDFs, on loopback only. Builds the app and the load tool in
# Release, starts its own Azurite (in memory) and the app, runs both scenarios, then checks that every
# accepted sign-up is stored. Results are printed; record them in docs/benchmarks.md.
#   DURATION=60 WARMUP=5 CONCURRENCY=64 SCENARIOS="page signup" ./scripts/load-test.sh
#   SCENARIOS=resume CONCURRENCY=50 ./scripts/load-test.sh   # PDFs/s and the app's peak memory
#   SCENARIOS=resume-worst CONCURRENCY=50 ./scripts/load-test.sh   # 50 clients sending the costliest resume: peak memory
#   SCENARIOS=editor CONCURRENCY=20 ./scripts/load-test.sh   # editors' list and edition pages, 500 editions and 200 tips
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-60}
WARMUP=${WARMUP:-5}
CONCURRENCY=${CONCURRENCY:-64}
APP_PORT=${APP_PORT:-7181}
BLOB=17180; QUEUE=17181; TABLE=17182
KEY="load-test-signing-key-0123456789-abcdefghijklmnop"
STORAGE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$BLOB/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$QUEUE/devstoreaccount1;TableEndpoint=http://127.0.0.1:$TABLE/devstoreaccount1;"

[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund
dotnet build -c Release --nologo -v q bench/CareerKit.LoadTest >/dev/null # builds the app too

outbox=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$outbox"; }
trap cleanup EXIT

wait_for_port() { for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.2; done; echo "port $1 never opened" >&2; exit 1; }

node_modules/.bin/azurite --silent --inMemoryPersistence --skipApiVersionCheck --disableTelemetry \
  --blobHost 127.0.0.1 --blobPort $BLOB --queueHost 127.0.0.1 --queuePort $QUEUE --tableHost 127.0.0.1 --tablePort $TABLE &
pids+=($!)
wait_for_port $TABLE

export AzureWebJobsStorage="$STORAGE" \
  CareerKit__PublicBaseUrl="http://127.0.0.1:$APP_PORT" \
  CareerKit__SigningKey="$KEY" \
  CareerKit__SignupsPerClientPerMinute=0 \
  CareerKit__PdfRendersPerClientPerMinute=0 \
  CareerKit__OutboxPath="$outbox" \
  ASPNETCORE_ENVIRONMENT=Production \
  Logging__LogLevel__Default=Warning
APP=src/CareerKit.Functions/bin/Release/net10.0/CareerKit.Functions.dll
dotnet "$APP" --urls "http://127.0.0.1:$APP_PORT" &
pids+=($!)
wait_for_port $APP_PORT

echo "machine: $(nproc) cores, $(free -h | awk '/Mem:/ {print $2}') RAM, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
load() { dotnet bench/CareerKit.LoadTest/bin/Release/net10.0/CareerKit.LoadTest.dll --url "http://127.0.0.1:$APP_PORT" \
  --duration "$DURATION" --warmup "$WARMUP" --concurrency "$CONCURRENCY" "$@"; }

SCENARIOS=${SCENARIOS:-page signup}
status=0
[[ " $SCENARIOS " == *" page "* ]] && { load --scenario page || status=1; }
if [[ " $SCENARIOS " == *" resume "* ]]; then
  load --scenario resume --resume bench/CareerKit.Benchmarks/reference-resume.json || status=1
  echo "app peak memory (VmHWM): $(grep VmHWM /proc/${pids[1]}/status | awk '{print $2/1024 " MB"}')"
fi
if [[ " $SCENARIOS " == *" resume-worst "* ]]; then
  load --scenario resume-worst || status=1
  echo "app peak memory (VmHWM): $(grep VmHWM /proc/${pids[1]}/status | awk '{print $2/1024 " MB"}')"
fi
if [[ " $SCENARIOS " == *" editor "* ]]; then
  editor_key=$(dotnet "$APP" editors add load-test | tail -n 1) # The same CLI an operator uses.
  load --scenario editor-list --editor-key "$editor_key" || status=1
  load --scenario editor-preview --editor-key "$editor_key" || status=1
fi
[[ " $SCENARIOS " == *" signup "* ]] && load --scenario signup --storage "$STORAGE" --signing-key "$KEY" || status=1
echo "emails written to the outbox: $(find "$outbox" -name '*.eml' | wc -l)"
exit $status
