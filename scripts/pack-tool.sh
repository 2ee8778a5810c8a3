#!/usr/bin/env bash
# Packs the careerkit .NET tool (src/CareerKit.Tool), compiled ahead of time (Native AOT) for linux-x64:
# careerkit.linux-x64.<version>.nupkg holds the native executable with SkiaSharp's and HarfBuzzSharp's native libraries,
# the fonts and the resume templates; careerkit.<version>.nupkg is what `dotnet tool install careerkit` asks for first
# and points it at the package for the machine's runtime.
#   ./scripts/pack-tool.sh                              # artifacts/tool/
#   CAREERKIT_TOOL_VERSION=1.0.1 ./scripts/pack-tool.sh /tmp/out
#   dotnet tool install --global careerkit --add-source artifacts/tool
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-artifacts/tool}")
version=${CAREERKIT_TOOL_VERSION:-1.0.0}
# Built in a folder of its own (bin and obj of every project it needs), so a pack never races another build of the
# same projects in this checkout (the tests pack while the suite builds).
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT

# Native AOT links with the platform's C toolchain.
command -v clang >/dev/null && [ -f /usr/include/zlib.h ] || { echo "Native AOT needs clang and zlib: apt-get install clang zlib1g-dev" >&2; exit 1; }
[ -f node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf ] || npm ci --no-audit --no-fund # The fonts come from npm.

dotnet pack src/CareerKit.Tool -c Release -r linux-x64 -p:Version="$version" --artifacts-path "$build" --nologo -v q -o "$out"
dotnet pack src/CareerKit.Tool -c Release -p:Version="$version" --artifacts-path "$build" --nologo -v q -o "$out"
ls "$out"/careerkit.*"$version".nupkg
