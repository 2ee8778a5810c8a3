#!/usr/bin/env bash
# Builds the deployable Functions package: a self-contained linux-x64 ReadyToRun (composite) build of the isolated-worker app
# with host.json, the generated functions.metadata and worker.config.json, the templates, the tip library and the fonts,
# in a folder and a zip.
#   ./scripts/package.sh                 # artifacts/package/ and artifacts/careerkit.zip
#   ./scripts/package.sh /tmp/out        # /tmp/out/package/ and /tmp/out/careerkit.zip
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-artifacts}")

command -v zip >/dev/null || { echo "zip is missing: apt-get install zip" >&2; exit 1; }
[ -f node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf ] || npm ci --no-audit --no-fund # The fonts come from npm.

rm -rf "$out/package" "$out/careerkit.zip"
# The project makes publishing self-contained linux-x64 composite ReadyToRun (see CareerKit.Functions.csproj); ~3 min on 2 cores.
dotnet publish src/CareerKit.Functions -c Release -p:DebugType=none --nologo -v q -o "$out/package"
rm -f "$out/package/CareerKit.Functions.staticwebassets.endpoints.json" # No static web assets are served.

for required in host.json functions.metadata worker.config.json extensions.json .azurefunctions CareerKit.Functions fonts/DejaVuSans.ttf templates/pages/_layout.liquid seeds/tips; do
  [ -e "$out/package/$required" ] || { echo "the package lacks $required" >&2; exit 1; }
done

(cd "$out/package" && zip -q -r -X "$out/careerkit.zip" .)
echo "package: $out/package ($(du -sh "$out/package" | cut -f1)); zip: $out/careerkit.zip ($(du -h "$out/careerkit.zip" | cut -f1))"
