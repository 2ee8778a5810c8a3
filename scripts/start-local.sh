#!/usr/bin/env bash
# Starts Azurite and the CareerKit app on http://localhost:7071; emails land in ./outbox.
# Ctrl+C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund
[ -f local.settings.json ] || { cp local.settings.example.json local.settings.json; echo "Created local.settings.json from local.settings.example.json"; }

mkdir -p .azurite
# --skipApiVersionCheck: the Azure SDKs speak a newer storage API version than Azurite 3.37 knows.
node_modules/.bin/azurite --silent --skipApiVersionCheck --disableTelemetry --location .azurite --debug .azurite/debug.log \
  --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 &
azurite_pid=$!
trap 'kill "$azurite_pid" 2>/dev/null || true' EXIT

for _ in $(seq 1 50); do
  (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null && break
  sleep 0.2
done

# Emails land in ./outbox at the repository root.
export CareerKit__OutboxPath="${CareerKit__OutboxPath:-$PWD/outbox}"

# The built app itself, not `dotnet run`: where Azure Functions Core Tools are installed the Worker SDK turns
# `dotnet run` into `func start`. Started directly, without the host's --functions-uri, the app runs standalone.
dotnet build src/CareerKit.Functions --nologo -v q
echo "Azurite is up (pid $azurite_pid). Starting CareerKit on http://localhost:7071 ..."
dotnet src/CareerKit.Functions/bin/Debug/net10.0/CareerKit.Functions.dll "$@"
