#!/usr/bin/env bash
# How well an applicant-tracking parser reads CareerKit's resumes: renders every real resume in
# tests/CareerKit.Functions.Tests/Resumes/real-resumes/ for both tracks on A4 and Letter, runs OpenResume's
# open-source PDF parser over them (from ../shared/tools/openresume, copied to a scratch folder; AGPL, never
# copied into this repository) and scores name, email, phone, website and each work and education entry's
# fields against the JSON each PDF came from. Record the printed table in docs/benchmarks.md.
#   OPENRESUME=/path/to/openresume ./scripts/parser-accuracy.sh
set -euo pipefail
cd "$(dirname "$0")/.."

KIT=${OPENRESUME:-$PWD/../shared/tools/openresume}
[ -f "$KIT/run.ts" ] || { echo "OpenResume's parser kit not found at $KIT (set OPENRESUME)" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

[ -d node_modules/dejavu-fonts-ttf ] || npm ci --no-audit --no-fund
cp -r "$KIT/." "$out/kit"
(cd "$out/kit" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
dotnet build -c Release --nologo -v q src/CareerKit.Functions >/dev/null
APP=src/CareerKit.Functions/bin/Release/net10.0/CareerKit.Functions.dll

for source in tests/CareerKit.Functions.Tests/Resumes/real-resumes/*.json; do
  for track in ml-engineer ai-engineer; do
    for paper in a4 letter; do
      pdf="$out/$(basename "$source" .json)-$track-$paper.pdf"
      dotnet "$APP" resume render "$track" --in "$source" --paper "$paper" --out "$pdf" >/dev/null
      printf '%s\t%s\t%s\t%s\n' "$pdf" "$PWD/$source" "$track" "$paper" >> "$out/manifest.tsv"
    done
  done
done

cut -f1 "$out/manifest.tsv" | (cd "$out/kit" && xargs ./node_modules/.bin/tsx run.ts) > "$out/parsed.json"
node bench/parser-accuracy/score.mjs "$out/parsed.json" "$out/manifest.tsv"
[ -z "${KEEP:-}" ] || { mkdir -p "$KEEP" && cp "$out"/*.pdf "$out/parsed.json" "$out/manifest.tsv" "$KEEP/"; }
