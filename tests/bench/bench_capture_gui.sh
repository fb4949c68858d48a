#!/usr/bin/env bash
# The offline window's first screen: `vigil FILE.vcap` on a BIG_MB capture (default
# 1 GB, mixed samples and events as bench_capture write-mix makes them), measured by
# the GUI itself (--frame-probe notes capture_opened_ms = the reader is open, and
# capture_first_screen_ms = the current page first shows the capture's data, both from
# process start). RUNS runs warm (file in the page cache), RUNS cold (page cache dropped,
# root), then the same with the footer cut off (the reader walks every frame header).
# Prints every run and the medians. Not a CTest test. Goal: first screen <= 2 s.
#
# Usage: tests/bench/bench_capture_gui.sh [BUILD_DIR]   (default: ./build)
# Env:   RUNS (default 5), BIG_MB (default 1024), RATE (events per simulated s, 10000),
#        EVENTS (lines in the event file, default 200000), DIR (default /tmp/vigil-bench-gui)
set -euo pipefail
BUILD=${1:-build}
RUNS=${RUNS:-5}
BIG_MB=${BIG_MB:-1024}
RATE=${RATE:-10000}
EVENTS=${EVENTS:-200000}
DIR=${DIR:-/tmp/vigil-bench-gui}
VIGIL="$BUILD/app/vigil/vigil"
GEN="$BUILD/tests/bench/bench_ndjson_gen"
BENCH="$BUILD/tests/bench/bench_capture"
for tool in "$VIGIL" "$GEN" "$BENCH"; do
  [[ -x "$tool" ]] || { echo "bench_capture_gui.sh: missing $tool" >&2; exit 2; }
done
mkdir -p "$DIR"
work=$(mktemp -d "$DIR/run.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$GEN" --events "$EVENTS" "$work/events.ndjson"
"$BENCH" write-mix "$work/events.ndjson" "$work/big.vcap" --mb "$BIG_MB" --rate "$RATE" | grep -v '^result '
ls -l "$work/big.vcap"
echo "machine: $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1), $(nproc) CPUs, load: $(cut -d' ' -f1-3 /proc/loadavg)"

drop_caches() { sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || { echo "(not root: cold runs are warm)" >&2; }; }
run() { # run LABEL COLD: one GUI start, prints "LABEL opened_ms first_screen_ms"
  if [[ $2 == cold ]]; then drop_caches; else cat "$work/big.vcap" > /dev/null; fi
  QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$work/xdg" "$VIGIL" "$work/big.vcap" --quit-after 6 \
    --frame-probe "$work/probe.json" 2>/dev/null >/dev/null
  python3 - "$1" "$work/probe.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[2]))
print(sys.argv[1], int(d["capture_opened_ms"]), int(d["capture_first_screen_ms"]))
PY
}
: > "$work/runs.txt"
for kind in warm cold; do
  for _ in $(seq "$RUNS"); do run "trailer_$kind" "$kind" | tee -a "$work/runs.txt"; done
done
truncate -s -24 "$work/big.vcap" # the footer: the reader walks the frame headers
for kind in warm cold; do
  for _ in $(seq "$RUNS"); do run "walk_$kind" "$kind" | tee -a "$work/runs.txt"; done
done
python3 - "$work/runs.txt" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    label, opened, first = line.split()
    rows.setdefault(label, []).append((int(opened), int(first)))
print(f"{'case':<14} {'opened (median ms)':>18} {'first screen (median ms)':>25} {'max first screen':>17}")
for label, v in rows.items():
    print(f"{label:<14} {statistics.median(o for o, _ in v):>18.0f} {statistics.median(f for _, f in v):>25.0f} "
          f"{max(f for _, f in v):>17}")
PY
