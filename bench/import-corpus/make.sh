#!/usr/bin/env bash
# Makes the import corpus: resumes printed by other tools, committed under
# tests/CareerKit.Functions.Tests/Resumes/ImportCorpus with the JSON Resume each should import as.
# Needs node (npm ci), Debian's chromium and libreoffice-writer-nogui; run by hand, never in CI (the files are committed).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
corpus="$root/tests/CareerKit.Functions.Tests/Resumes/ImportCorpus"
fonts="$root/node_modules/dejavu-fonts-ttf/ttf"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

dotnet build "$root/src/CareerKit.Functions" -c Release -v q -nologo >/dev/null
app="$root/src/CareerKit.Functions/bin/Release/net10.0/CareerKit.Functions.dll"
mkdir -p "$work/json"
for file in "$root"/tests/CareerKit.Functions.Tests/Resumes/real-resumes/*.json "$root/bench/CareerKit.Benchmarks/reference-resume.json"; do
  # The app's own reading of each resume, written back as JSON Resume 1.0.0: legacy names mapped, dates ISO.
  dotnet "$app" resume render ml-engineer --format json --in "$file" --out "$work/json/$(basename "$file")" >/dev/null
done

node "$root/bench/import-corpus/make.mjs" "$work/json" "$work" "$corpus" "$fonts"

for page in "$work"/chromium-*.html "$work"/two-column-reference-resume.html "$work"/two-column-koddsson.html; do
  chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf-no-header \
    --print-to-pdf="$corpus/$(basename "${page%.html}").pdf" "file://$page" 2>/dev/null
done

profile="$work/libreoffice-profile"
for page in "$work"/libreoffice-*.html "$work"/two-column-table-*.html; do
  soffice -env:UserInstallation="file://$profile" --headless --convert-to 'docx:MS Word 2007 XML' --outdir "$corpus" "$page" >/dev/null
  docx="$corpus/$(basename "${page%.html}").docx"
  soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$corpus" "$docx" >/dev/null
done

ls -la "$corpus"
