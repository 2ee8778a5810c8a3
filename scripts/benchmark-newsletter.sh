#!/usr/bin/env bash
# The weekly send at scale, on loopback only: its own in-memory Azurite, the app in Release with the standalone
# queue poller, and a SendGrid stand-in. Seeds SUBSCRIBERS confirmed subscribers, invokes WeeklyTips, and reports
# the time until the last batch is accepted, the mail/send calls, duplicates and the app's peak memory.
# Seeding is slow and not measured: Azurite's table store slows down as it grows (~30 min for 100,000 on 2 cores;
# its on-disk mode is slower still). Record the results in docs/benchmarks.md.
#   SUBSCRIBERS=100000 ./scripts/benchmark-newsletter.sh
set -euo pipefail
cd "$(dirname "$0")/.."

SUBSCRIBERS=${SUBSCRIBERS:-100000}
APP_PORT=7191; SENDGRID_PORT=7192
BLOB=17190; QUEUE=17191; TABLE=17192
KEY="newsletter-bench-signing-key-0123456789-abcdefghijkl"
STORAGE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$BLOB/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$QUEUE/devstoreaccount1;TableEndpoint=http://127.0.0.1:$TABLE/devstoreaccount1;"

[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund
dotnet build -c Release --nologo -v q bench/CareerKit.NewsletterBench >/dev/null # builds the app too

outbox=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$outbox"; }
trap cleanup EXIT
wait_for_port() { for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.2; done; echo "port $1 never opened" >&2; exit 1; }

node_modules/.bin/azurite --silent --inMemoryPersistence --skipApiVersionCheck --disableTelemetry \
  --blobHost 127.0.0.1 --blobPort $BLOB --queueHost 127.0.0.1 --queuePort $QUEUE --tableHost 127.0.0.1 --tablePort $TABLE &
pids+=($!)
wait_for_port $TABLE
dotnet bench/CareerKit.NewsletterBench/bin/Release/net10.0/CareerKit.NewsletterBench.dll \
  --storage "$STORAGE" --signing-key "$KEY" --subscribers "$SUBSCRIBERS" --seed-only true

AzureWebJobsStorage="$STORAGE" \
CareerKit__PublicBaseUrl="https://careerkit.example" \
CareerKit__SigningKey="$KEY" \
CareerKit__OutboxPath="$outbox" \
SendGrid__ApiKey="SG.bench-key" \
SendGrid__Host="http://127.0.0.1:$SENDGRID_PORT" \
ASPNETCORE_ENVIRONMENT=Production \
Logging__LogLevel__Default=Warning \
  dotnet src/CareerKit.Functions/bin/Release/net10.0/CareerKit.Functions.dll --urls "http://127.0.0.1:$APP_PORT" &
app_pid=$!
pids+=($app_pid)
wait_for_port $APP_PORT

echo "machine: $(nproc) cores, $(free -h | awk '/Mem:/ {print $2}') RAM, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "app memory before the send (VmRSS): $(grep VmRSS /proc/$app_pid/status | awk '{print $2/1024 " MB"}')"
status=0
dotnet bench/CareerKit.NewsletterBench/bin/Release/net10.0/CareerKit.NewsletterBench.dll \
  --storage "$STORAGE" --signing-key "$KEY" --app "http://127.0.0.1:$APP_PORT" --sendgrid-port $SENDGRID_PORT --subscribers "$SUBSCRIBERS" --seed false || status=1
echo "app peak memory (VmHWM): $(grep VmHWM /proc/$app_pid/status | awk '{print $2/1024 " MB"}')"
exit $status
