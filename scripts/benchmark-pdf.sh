#!/usr/bin/env bash
# PDF engine benchmark: CareerKit's renderer against Typst (typst-ts-node-compiler, the engine RenderCV
# uses) and Chromium's print to PDF (the route of JSON Resume's resume-cli), on the same reference resume
# with the same font (DejaVu Sans). Warm time per document, cold process time to the first PDF, PDF size,
# peak memory. Record the printed figures in docs/benchmarks.md.
#   RUNS=10 ITERATIONS=30 ./scripts/benchmark-pdf.sh
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-10}
ITERATIONS=${ITERATIONS:-30}
RESUME=bench/CareerKit.Benchmarks/reference-resume.json
FONTS=$PWD/node_modules/dejavu-fonts-ttf/ttf
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

[ -d node_modules/@myriaddreamin/typst-ts-node-compiler ] || npm ci --no-audit --no-fund
command -v chromium >/dev/null || { echo "install Debian's chromium first" >&2; exit 1; }
dotnet build -c Release --nologo -v q bench/CareerKit.Benchmarks >/dev/null
APP=src/CareerKit.Functions/bin/Release/net10.0/CareerKit.Functions
# The careerkit .NET tool as a user installs it: Native AOT, from its package (scripts/pack-tool.sh).
# A version of its own, so the install never takes an older pack from a cache.
version=1.0.0-bench.$(date +%s)
CAREERKIT_TOOL_VERSION=$version bash scripts/pack-tool.sh "$out/tool-packages" >/dev/null
dotnet tool install careerkit --tool-path "$out/tools" --add-source "$out/tool-packages" --version "$version" >/dev/null
TOOL=$out/tools/careerkit

[ "${SKIP_WARM:-}" = 1 ] || {
echo "## warm: CareerKit (BenchmarkDotNet)"
dotnet bench/CareerKit.Benchmarks/bin/Release/net10.0/CareerKit.Benchmarks.dll --filter '*ResumeRender*' --artifacts "$out/bdn" 2>&1 | grep -E '^\| (Method|Render|Write)'

echo "## warm: Typst and Chromium ($ITERATIONS documents each)"
node bench/engines/warm.mjs "$RESUME" "$FONTS" "$ITERATIONS" "$out"
}

# Cold: a fresh process from start to the first PDF on disk, RUNS times; elapsed ms, CPU ms (user + system: what a
# shared machine's neighbours do not inflate) and peak RSS.
cold() {
  local name=$1; shift
  local times=() cpu=() rss=()
  for _ in $(seq 1 "$RUNS"); do
    /usr/bin/time -f "%e %M %U %S" -o "$out/time.txt" "$@" >/dev/null 2>&1
    read -r elapsed kb user system < "$out/time.txt"
    times+=("$(awk -v s="$elapsed" 'BEGIN { printf "%d", s * 1000 }')"); rss+=("$kb")
    cpu+=("$(awk -v u="$user" -v s="$system" 'BEGIN { printf "%d", (u + s) * 1000 }')")
  done
  local sorted; sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  printf '%s: cold median %s ms, max %s ms, CPU median %s ms, peak memory %s MB\n' "$name" \
    "$(echo "$sorted" | sed -n "$(( (RUNS + 1) / 2 ))p")" "$(echo "$sorted" | tail -1)" \
    "$(printf '%s\n' "${cpu[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")" \
    "$(printf '%s\n' "${rss[@]}" | sort -n | tail -1 | awk '{ printf "%.0f", $1 / 1024 }')"
}

node bench/engines/write_html.mjs "$RESUME" "$FONTS" "$out/resume.html"
echo "## cold ($RUNS runs each)"
cold careerkit-tool "$TOOL" resume render ml-engineer --in "$RESUME" --out "$out/careerkit.pdf"
cold careerkit-app "$APP" resume render ml-engineer --in "$RESUME" --out "$out/careerkit-app.pdf"
cold typst node bench/engines/cold_typst.mjs "$RESUME" "$FONTS" "$out/typst-cold.pdf"
cold chromium chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run --no-pdf-header-footer --print-to-pdf="$out/chromium-cold.pdf" "file://$out/resume.html"

echo "## PDF size and pages"
for pdf in careerkit.pdf typst-cold.pdf chromium-cold.pdf; do
  pages=$(pdfinfo "$out/$pdf" 2>"$out/pdfinfo.err" | awk '/^Pages/ {print $2}')
  printf '%s: %s bytes, %s page(s)\n' "$pdf" "$(stat -c %s "$out/$pdf")" "$pages"
  # What Poppler complains of, under the file it is about.
  sed "s/^/  pdfinfo: /" "$out/pdfinfo.err"
done
