#!/usr/bin/env bash
# Capture benchmark: the capture goals measured in one run, with `zstd -b1` on the same
# event bytes side by side. Writes a 1 GB capture and a HUGE_GB capture (default 10 GB)
# under DIR and deletes them. Drops the page cache for the cold figures (root). Not a
# CTest test. Prints every step's figures, then the results table. Takes ~6 min with the
# defaults and needs HUGE_GB + ~1 GB free under DIR.
#
# Usage: tests/bench/bench_capture.sh [BUILD_DIR]      (default: ./build)
# Env:   RUNS (default 7), EVENTS (default 1000000), PASSES (default 3: events fed per run
#        = PASSES x EVENTS), BIG_MB (default 1024), HUGE_GB (default 10; 0 skips the
#        replay), DIR (default /tmp/vigil-bench-capture), RATE (simulated events/s in the
#        big captures, default 10000)
# Needs: targets bench_capture and bench_ndjson_gen (VIGIL_BUILD_BENCH=ON), zstd (CLI),
#        python3, root for `echo 3 > /proc/sys/vm/drop_caches`.
set -euo pipefail

BUILD=${1:-build}
RUNS=${RUNS:-7}
EVENTS=${EVENTS:-1000000}
PASSES=${PASSES:-3}
BIG_MB=${BIG_MB:-1024}
HUGE_GB=${HUGE_GB:-10}
RATE=${RATE:-10000}
DIR=${DIR:-/tmp/vigil-bench-capture}
GEN="$BUILD/tests/bench/bench_ndjson_gen"
BENCH="$BUILD/tests/bench/bench_capture"

for tool in "$GEN" "$BENCH"; do
  [[ -x "$tool" ]] || { echo "bench_capture.sh: missing $tool" >&2; exit 2; }
done
command -v zstd >/dev/null || { echo "bench_capture.sh: zstd (CLI) not found" >&2; exit 2; }

mkdir -p "$DIR"
work=$(mktemp -d "$DIR/run.XXXXXX")
trap 'rm -rf "$work"' EXIT
results="$work/results.txt"
: > "$results"

# step PREFIX COMMAND...: runs a bench_capture step, shows its output, keeps its results.
step() {
  local prefix=$1
  shift
  "$@" | tee "$work/step.log" | grep -v '^result '
  grep '^result ' "$work/step.log" | sed "s/^result /$prefix./" >> "$results"
}
# zstd -b1 -i5 on the events file: compression MB/s (zstd reports its fastest iteration).
zstd_b1() {
  local out
  out=$(zstd -b1 -i5 "$@" "$events" 2>&1 | tr '\r' '\n' | grep 'MB/s, ' | tail -1)
  echo "  zstd -b1 -i5 $*: ${out# }" >&2
  sed -E 's/.*\), *([0-9.]+) MB\/s.*/\1/' <<< "$out"
}
load() { cut -d' ' -f1-3 /proc/loadavg; }

events="$work/events.ndjson"
"$GEN" --events "$EVENTS" "$events"
echo "machine: $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1), $(nproc) CPUs, $(free -g | awk '/Mem:/ {print $2}') GiB, load: $(load)"
echo "disk: $(df -h "$DIR" | awk 'NR==2 {print $1 ", " $4 " free"}'); $(zstd --version)"
echo "load $(load)" > "$work/load.txt"

echo "== 1-2. recording events; zstd -b1 on the same bytes before and after"
z1=$(zstd_b1)
step rec "$BENCH" record "$events" "$work" --runs "$RUNS" --passes "$PASSES" --dropping-runs 3
z2=$(zstd_b1)
zc=$(zstd_b1 -B1MiB)
echo "zstd.b1_before $z1" >> "$results"
echo "zstd.b1_after $z2" >> "$results"
echo "zstd.b1_chunked $zc" >> "$results"
echo "-- diagnostic: paired runs, the writer's default fdatasync (4 MiB / 100 ms) and deferred to close()"
step sync "$BENCH" record "$events" "$work" --runs 5 --passes "$PASSES" --dropping-runs 0 --compare-sync

echo "== 2b. samples-heavy recording"
step samples "$BENCH" samples "$work" --runs "$RUNS"

echo "== 3-4. a ${BIG_MB} MB capture: open, first frame, seek"
big="$work/big.vcap"
step big "$BENCH" write-mix "$events" "$big" --mb "$BIG_MB" --rate "$RATE"
step open_warm "$BENCH" open "$big" --runs 5
step open_cold "$BENCH" open "$big" --runs 5 --cold
step seek_warm "$BENCH" seek "$big" --count 100
step seek_cold "$BENCH" seek "$big" --count 100 --cold
truncate -s -24 "$big" # the footer: open() has to walk the frame headers
step walk_warm "$BENCH" open "$big" --runs 5
step walk_cold "$BENCH" open "$big" --runs 5 --cold
rm -f "$big"

if [[ "$HUGE_GB" != 0 ]]; then
  avail_gb=$(( $(df --output=avail -k "$DIR" | tail -1) / 1024 / 1024 ))
  huge=$HUGE_GB
  if (( avail_gb - 4 < huge )); then
    huge=$(( avail_gb - 4 ))
    echo "only ${avail_gb} GB free under $DIR: replaying a ${huge} GB capture instead of ${HUGE_GB} GB"
  fi
  if (( huge >= 1 )); then
    echo "== 5. replaying a ${huge} GB capture"
    hugef="$work/huge.vcap"
    step huge "$BENCH" write-mix "$events" "$hugef" --mb $(( huge * 1000 )) --rate "$RATE"
    step replay "$BENCH" replay "$hugef" --cold
    rm -f "$hugef"
  fi
fi
echo "load $(load)" >> "$work/load.txt"

python3 - "$results" "$work/load.txt" <<'PY'
import sys
r = {}
for line in open(sys.argv[1]):
    k, v = line.split()
    r[k] = float(v)
loads = [l.split(None, 1)[1].strip() for l in open(sys.argv[2])]
g = lambda k, d=float('nan'): r.get(k, d)
z = (g('zstd.b1_before') + g('zstd.b1_after')) / 2 # each is zstd's fastest of 5 iterations
rows = [
    ("1. record events (producer adds with WhenFull::Wait), median", f"{g('rec.record_events_per_s')/1e6:.2f} M events/s "
     f"(min {g('rec.record_events_per_s_min')/1e6:.2f}, max {g('rec.record_events_per_s_max')/1e6:.2f}), dropped {g('rec.record_dropped'):.0f}",
     "≥ 1 M/s", g('rec.record_events_per_s') >= 1e6 and g('rec.record_dropped') == 0),
    ("   producer adds with WhenFull::Drop (never blocks)", f"{g('rec.record_dropping_events_per_s')/1e6:.2f} M/s recorded, dropped "
     f"{g('rec.record_dropping_dropped'):.0f} of {g('rec.record_dropping_offered'):.0f}", "report", None),
    ("2. writer input vs zstd -b1 -i5 (before/after)", f"{g('rec.record_input_mb_s'):.0f} vs {g('zstd.b1_before'):.0f}/{g('zstd.b1_after'):.0f} MB/s = {g('rec.record_input_mb_s')/z:.2f}x "
     f"(zstd -b1 -B1MiB {g('zstd.b1_chunked'):.0f})", "≥ 0.9x", g('rec.record_input_mb_s')/z >= 0.9),
    ("   writer vs zstd -1 in process (1 MiB chunks), paired runs", f"wall {g('rec.record_input_mb_s'):.0f} vs {g('rec.zstd_inprocess_mb_s'):.0f} MB/s = {g('rec.pair_ratio_wall'):.2f}x; "
     f"CPU {g('rec.record_writer_cpu_mb_s'):.0f} vs {g('rec.zstd_inprocess_cpu_mb_s'):.0f} MB/s of CPU = {g('rec.pair_ratio_cpu'):.2f}x", "", None),
    ("   writer + file thread on CPU (their CPU time / wall time)", f"{100*g('rec.record_writer_on_cpu'):.0f} %", "", None),
    ("   paired runs: default sync vs fdatasync deferred to close", f"{g('sync.record_input_mb_s'):.0f} vs {g('sync.record_sync_deferred_mb_s'):.0f} MB/s "
     f"({g('sync.record_input_mb_s')/z:.2f}x vs {g('sync.record_sync_deferred_mb_s')/z:.2f}x zstd -b1)", "", None),
    ("2b. samples (3 etcd-like targets)", f"{g('samples.samples_per_s')/1e6:.2f} M samples/s, raw payload {g('samples.samples_raw_mb_s'):.1f} MB/s "
     f"(exposition text {g('samples.samples_text_mb_s'):.0f} MB/s), dropped {g('samples.samples_dropped'):.0f}", "report", None),
    (f"3. open {g('big.mix_bytes')/1e9:.2f} GB, trailer, warm: open + first frames", f"{g('open_warm.open_ms'):.1f} + {g('open_warm.first_frame_ms'):.1f} ms (max total {g('open_warm.open_total_max_ms'):.1f})", "≤ 2 s", g('open_warm.open_total_max_ms') <= 2000),
    ("   trailer, cold", f"{g('open_cold.open_ms'):.1f} + {g('open_cold.first_frame_ms'):.1f} ms (max total {g('open_cold.open_total_max_ms'):.1f})", "≤ 2 s", g('open_cold.open_total_max_ms') <= 2000),
    ("   footer cut (walk), warm", f"{g('walk_warm.open_ms'):.1f} + {g('walk_warm.first_frame_ms'):.1f} ms (max total {g('walk_warm.open_total_max_ms'):.1f})", "≤ 2 s", g('walk_warm.open_total_max_ms') <= 2000),
    ("   footer cut (walk), cold", f"{g('walk_cold.open_ms'):.1f} + {g('walk_cold.first_frame_ms'):.1f} ms (max total {g('walk_cold.open_total_max_ms'):.1f})", "≤ 2 s", g('walk_cold.open_total_max_ms') <= 2000),
    ("4. seek, warm: median / p99 / max", f"{g('seek_warm.seek_median_ms'):.2f} / {g('seek_warm.seek_p99_ms'):.2f} / {g('seek_warm.seek_max_ms'):.2f} ms", "≤ 50 ms", g('seek_warm.seek_max_ms') <= 50),
    ("   seek, cold", f"{g('seek_cold.seek_median_ms'):.2f} / {g('seek_cold.seek_p99_ms'):.2f} / {g('seek_cold.seek_max_ms'):.2f} ms", "≤ 50 ms", g('seek_cold.seek_max_ms') <= 50),
]
if 'replay.replay_gb' in r:
    rows.append((f"5. replay {g('replay.replay_gb'):.1f} GB, cold: peak RSS", f"{g('replay.replay_peak_rss_mib'):.0f} MiB "
                 f"(before open {g('replay.replay_rss_before_mib'):.0f}); {g('replay.replay_file_mb_s'):.0f} MB/s of file, "
                 f"{g('replay.replay_raw_mb_s'):.0f} MB/s raw, {g('replay.replay_seconds'):.0f} s", "≤ 512 MB", g('replay.replay_peak_rss_mib') <= 512))
print(f"\nload average at start / end: {loads[0]} / {loads[-1]}")
print("| measure | result | goal | met |\n|---|---|---|---|")
for name, res, goal, met in rows:
    print(f"| {name} | {res} | {goal} | {'' if met is None else ('yes' if met else '**no**')} |")
PY
