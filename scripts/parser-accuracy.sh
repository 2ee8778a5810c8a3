#!/usr/bin/env bash
# How well an applicant-tracking parser reads CareerKit's resumes: renders real resumes (every one in
# tests/CareerKit.Functions.Tests/Resumes/real-resumes/, or the files named) for both tracks on A4 and Letter, runs
# OpenResume's open-source PDF parser over them (from ../shared/tools/openresume, copied to a scratch folder; AGPL,
# never copied into this repository) and scores name, email, phone, website and each work and education entry's
# fields against the JSON each PDF came from. Record the printed table in docs/benchmarks.md.
#   OPENRESUME=/path/to/openresume ./scripts/parser-accuracy.sh [RESUME.json ...]
#   ./scripts/parser-accuracy.sh --prepare     only make the parser ready (what .ci/run does before the tests)
# APP=path/to/CareerKit.Functions.dll renders with that build instead of building Release (the suite's test does);
# MISSES=1 lists every miss on stderr; KEEP=folder keeps the PDFs and the parser's output.
set -euo pipefail
cd "$(dirname "$0")/.."

# The kit lives beside the repository (../shared/tools/openresume); a clone made elsewhere finds it in the nearest
# folder above it that has shared/tools/openresume, or in this environment's /work/shared.
find_kit() {
  local dir=$PWD
  while [ "$dir" != / ]; do
    dir=$(dirname "$dir")
    [ -f "$dir/shared/tools/openresume/run.ts" ] && { echo "$dir/shared/tools/openresume"; return; }
  done
  echo /work/shared/tools/openresume
}
KIT=${OPENRESUME:-$(find_kit)}
[ -f "$KIT/run.ts" ] || { echo "OpenResume's parser kit not found at $KIT nor in any shared/tools/openresume above $PWD (set OPENRESUME)" >&2; exit 1; }

# The kit is read-only (shared/ in CI): install its packages once into a scratch copy named after its contents,
# reused by later runs; moved into place whole, so two runs at once never see half an install.
prepare() {
  if [ -x "$KIT/node_modules/.bin/tsx" ]; then
    PARSER=$KIT
    return
  fi
  local key
  key=$(cd "$KIT" && find . -type f -not -path './node_modules/*' | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-16)
  PARSER=${TMPDIR:-/tmp}/careerkit-openresume-$key
  [ -f "$PARSER/.ready" ] && return
  local staging
  staging=$(mktemp -d "${TMPDIR:-/tmp}/careerkit-openresume-staging.XXXXXX")
  cp -r "$KIT/." "$staging"
  (cd "$staging" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  touch "$staging/.ready"
  mv -T "$staging" "$PARSER" 2>/dev/null || rm -rf "$staging" # Another run got there first.
}

prepare
if [ "${1:-}" = "--prepare" ]; then
  echo "OpenResume's parser is ready in $PARSER"
  exit 0
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

if [ -z "${APP:-}" ]; then
  [ -d node_modules/dejavu-fonts-ttf ] || npm ci --no-audit --no-fund
  dotnet build -c Release --nologo -v q src/CareerKit.Functions >/dev/null
  APP=src/CareerKit.Functions/bin/Release/net10.0/CareerKit.Functions.dll
fi

if [ $# -gt 0 ]; then sources=("$@"); else sources=(tests/CareerKit.Functions.Tests/Resumes/real-resumes/*.json); fi
for source in "${sources[@]}"; do
  for track in ml-engineer ai-engineer; do
    for paper in a4 letter; do
      pdf="$out/$(basename "$source" .json)-$track-$paper.pdf"
      dotnet "$APP" resume render "$track" --in "$source" --paper "$paper" --out "$pdf" >/dev/null
      printf '%s\t%s\t%s\t%s\n' "$pdf" "$(realpath "$source")" "$track" "$paper" >> "$out/manifest.tsv"
    done
  done
done

cut -f1 "$out/manifest.tsv" | (cd "$PARSER" && xargs ./node_modules/.bin/tsx run.ts) > "$out/parsed.json"
node bench/parser-accuracy/score.mjs "$out/parsed.json" "$out/manifest.tsv"
[ -z "${KEEP:-}" ] || { mkdir -p "$KEEP" && cp "$out"/*.pdf "$out/parsed.json" "$out/manifest.tsv" "$KEEP/"; }
