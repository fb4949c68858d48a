#!/usr/bin/env bash
# Ingest benchmark: `vigilctl ingest FILE` (full processing: parse, dedup, lanes,
# histograms) against `jq -c 'select(.priority=="high")' FILE >/dev/null`, side by side
# in one hyperfine run, on a generated 1M-event NDJSON file (~330 B/event, ~3% dups).
# Prints medians, the ratio and events/s. Not a CTest test.
#
# Usage: tests/bench/bench_ingest.sh [BUILD_DIR]     (default: ./build)
# Env:   RUNS (default 5), EVENTS (default 1000000), JQ (default jq)
# Needs: targets vigilctl and bench_ndjson_gen (VIGIL_BUILD_BENCH=ON), hyperfine, jq, python3.
set -euo pipefail

BUILD=${1:-build}
RUNS=${RUNS:-5}
EVENTS=${EVENTS:-1000000}
JQ=${JQ:-jq}
GEN="$BUILD/tests/bench/bench_ndjson_gen"
VIGILCTL="$BUILD/app/vigilctl/vigilctl"

for tool in "$GEN" "$VIGILCTL"; do
  [[ -x "$tool" ]] || { echo "bench_ingest.sh: missing $tool" >&2; exit 2; }
done
command -v hyperfine >/dev/null || { echo "bench_ingest.sh: hyperfine not found" >&2; exit 2; }
command -v "$JQ" >/dev/null || { echo "bench_ingest.sh: jq not found" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
file="$tmp/events.ndjson"
"$GEN" --events "$EVENTS" "$file"
# Write the new file back now: otherwise the kernel does it during the first timed runs.
sync "$file"
bytes=$(stat -c %s "$file")

echo "machine: $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1), $(nproc) CPUs, load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "file: $EVENTS events, $bytes bytes ($((bytes / EVENTS)) B/event)"
"$VIGILCTL" ingest --json "$file" > "$tmp/check.json"
python3 -c "import json,sys; j=json.load(open(sys.argv[1])); print('check: received %d processed %d deduplicated %d malformed %d' % (j['received'], j['processed'], j['deduplicated'], j['malformed']))" "$tmp/check.json"

hyperfine --warmup 1 --runs "$RUNS" --export-json "$tmp/h.json" \
  -n vigilctl "$VIGILCTL ingest $file" \
  -n jq "$JQ -c 'select(.priority==\"high\")' $file >/dev/null"

python3 - "$tmp/h.json" "$EVENTS" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
n = int(sys.argv[2])
v, j = r["vigilctl"]["median"], r["jq"]["median"]
print(f"median vigilctl {v:.3f} s ({n / v / 1e6:.2f} M events/s), jq {j:.3f} s ({n / j / 1e6:.2f} M events/s), ratio {j / v:.1f}x")
PY
