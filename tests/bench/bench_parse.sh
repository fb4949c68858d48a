#!/usr/bin/env bash
# Whole-process parse benchmark: `vigilctl parse FILE` against `promtool check metrics < FILE`
# on generated Prometheus 0.0.4 files of 100k and 1M series. Prints median wall times,
# MB/s and the speed ratio. Not a CTest test.
#
# Usage: tests/bench/bench_parse.sh [BUILD_DIR]     (default: ./build)
# Env:   RUNS (default 5), PROMTOOL (default /usr/bin/promtool), SERIES ("100000 1000000")
# Needs: a build with VIGIL_BUILD_BENCH=ON (targets vigilctl and bench_expo_gen), hyperfine, python3.
set -euo pipefail

BUILD=${1:-build}
RUNS=${RUNS:-5}
PROMTOOL=${PROMTOOL:-/usr/bin/promtool}
SERIES=${SERIES:-"100000 1000000"}
GEN="$BUILD/tests/bench/bench_expo_gen"
VIGILCTL="$BUILD/app/vigilctl/vigilctl"

for tool in "$GEN" "$VIGILCTL" "$PROMTOOL"; do
  [[ -x "$tool" ]] || { echo "bench_parse.sh: missing $tool" >&2; exit 2; }
done
command -v hyperfine >/dev/null || { echo "bench_parse.sh: hyperfine not found" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "machine: $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1), $(nproc) CPUs, load: $(cut -d' ' -f1-3 /proc/loadavg)"
for n in $SERIES; do
  file="$tmp/expo_$n.prom"
  "$GEN" "$n" "$file"
  bytes=$(stat -c %s "$file")
  # Both tools must accept the file, or the timing means nothing.
  "$VIGILCTL" parse "$file" >/dev/null
  "$PROMTOOL" check metrics <"$file" >/dev/null 2>&1 || echo "note: promtool reported lint problems (exit $?)"
  cat "$file" >/dev/null # page cache warm for everyone

  hyperfine --runs "$RUNS" --warmup 1 --ignore-failure --style basic \
    --export-json "$tmp/result_$n.json" \
    -n "vigilctl parse" "'$VIGILCTL' parse '$file'" \
    -n "vigilctl parse --json" "'$VIGILCTL' parse --json '$file' >/dev/null" \
    -n "promtool check metrics" "'$PROMTOOL' check metrics < '$file' >/dev/null 2>&1" >/dev/null

  python3 - "$tmp/result_$n.json" "$bytes" "$n" <<'EOF'
import json, statistics, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
size = int(sys.argv[2])
series = int(sys.argv[3])
med = {name: statistics.median(r["times"]) for name, r in results.items()}
print(f"\n{series} series, {size / 1e6:.1f} MB, median of {len(results['vigilctl parse']['times'])} runs:")
for name, t in med.items():
    print(f"  {name:24s} {t * 1000:9.1f} ms  {size / 1e6 / t:8.1f} MB/s")
ratio = med["promtool check metrics"] / med["vigilctl parse"]
print(f"  ratio promtool / vigilctl parse: {ratio:.1f}x")
EOF
done
