#!/usr/bin/env bash
# One SendGrid event webhook delivery of EVENTS events (and the same delivery again, as SendGrid retries it), timed
# against the app in Release on its own in-memory Azurite, loopback only. APP_DLL runs another build of the app
# (e.g. an older commit's) with the same bench. Record the results in docs/benchmarks.md.
#   EVENTS=5000 RUNS=3 ./scripts/benchmark-webhook.sh
set -euo pipefail
cd "$(dirname "$0")/.."

EVENTS=${EVENTS:-5000}; RUNS=${RUNS:-3}
APP_PORT=7193
BLOB=17193; QUEUE=17194; TABLE=17195
KEY="webhook-bench-signing-key-0123456789-abcdefghijklm"
STORAGE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$BLOB/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$QUEUE/devstoreaccount1;TableEndpoint=http://127.0.0.1:$TABLE/devstoreaccount1;"

[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund
dotnet build -c Release --nologo -v q bench/CareerKit.WebhookBench >/dev/null # builds the app too
APP_DLL=${APP_DLL:-src/CareerKit.Functions/bin/Release/net10.0/CareerKit.Functions.dll}

work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
wait_for_port() { for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.2; done; echo "port $1 never opened" >&2; exit 1; }

# The webhook's signing key pair, as SendGrid holds the private half and shows the public one.
openssl ecparam -name prime256v1 -genkey -noout -out "$work/key.pem"
public_key=$(openssl ec -in "$work/key.pem" -pubout -outform DER 2>/dev/null | base64 -w0)

node_modules/.bin/azurite --silent --inMemoryPersistence --skipApiVersionCheck --disableTelemetry \
  --blobHost 127.0.0.1 --blobPort $BLOB --queueHost 127.0.0.1 --queuePort $QUEUE --tableHost 127.0.0.1 --tablePort $TABLE &
pids+=($!)
wait_for_port $TABLE

AzureWebJobsStorage="$STORAGE" \
CareerKit__PublicBaseUrl="https://careerkit.example" \
CareerKit__SigningKey="$KEY" \
CareerKit__OutboxPath="$work/outbox" \
CareerKit__LocalScheduler=false \
CareerKit__TelemetryConsole=false \
SendGrid__WebhookPublicKey="$public_key" \
ASPNETCORE_ENVIRONMENT=Production \
Logging__LogLevel__Default=Warning \
  dotnet "$APP_DLL" --urls "http://127.0.0.1:$APP_PORT" &
pids+=($!)
wait_for_port $APP_PORT

echo "machine: $(nproc) cores, $(free -h | awk '/Mem:/ {print $2}') RAM, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
dotnet bench/CareerKit.WebhookBench/bin/Release/net10.0/CareerKit.WebhookBench.dll \
  --storage "$STORAGE" --signing-key "$KEY" --app "http://127.0.0.1:$APP_PORT" --key-pem "$work/key.pem" --events "$EVENTS" --runs "$RUNS"
