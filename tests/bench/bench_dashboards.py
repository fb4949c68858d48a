#!/usr/bin/env python3
"""Dashboard load benchmark (not a CTest test).

Three real etcd 3.4 members on loopback (~1,300 series each on /metrics) scraped every
second with the etcd cluster profile, plus the simulator's NDJSON stream ingested by the
in-process engine at RATE events/s; for each dashboard page, vigil runs under Xvfb at
1920x1080 for SECONDS with --frame-probe and the probe's figures are printed:
refresh ticks/s, tick work p50/p99, page data updates/s, GUI-thread busy (CPU time of the
GUI thread / wall time, % of one core) and the events the engine processed.

Usage: tests/bench/bench_dashboards.py [BUILD_DIR]      (default: ./build)
Env:   SECONDS (default 25), RATE (default 1000000), PAGES (default
       overview,latency,queues,cluster), ETCD (default etcd)
Needs: vigil and vigilctl built, etcd-server, xvfb-run.
"""
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, deadline):
    while time.time() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return True
        time.sleep(0.1)
    return False


def start_etcd(etcd, tmp):
    members = [{"name": f"m{i}", "client": free_port(), "peer": free_port()} for i in range(3)]
    initial = ",".join(f"{m['name']}=http://127.0.0.1:{m['peer']}" for m in members)
    procs = []
    for m in members:
        args = [etcd, "--name", m["name"], "--data-dir", os.path.join(tmp, m["name"]),
                "--listen-client-urls", f"http://127.0.0.1:{m['client']}",
                "--advertise-client-urls", f"http://127.0.0.1:{m['client']}",
                "--listen-peer-urls", f"http://127.0.0.1:{m['peer']}",
                "--initial-advertise-peer-urls", f"http://127.0.0.1:{m['peer']}",
                "--initial-cluster", initial, "--initial-cluster-token", "vigil-bench",
                "--initial-cluster-state", "new", "--logger", "zap", "--log-outputs", "stderr"]
        procs.append(subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                      start_new_session=True))
    deadline = time.time() + 30
    for m in members:
        if not wait_port(m["client"], deadline):
            raise SystemExit("etcd did not start")
    return procs, [f"http://127.0.0.1:{m['client']}" for m in members]


def start_sim(vigilctl, rate):
    sim = subprocess.Popen([vigilctl, "sim", "--port", "0", "--event-port", "0", "--rate", str(rate)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    line = sim.stderr.readline()
    m = re.search(r"events on (tcp://[0-9.]+:\d+)", line)
    if not m:
        sim.kill()
        raise SystemExit("simulator did not report its event URL: " + line)
    return sim, m.group(1)


def stop(procs):
    for p in procs:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGTERM)
    for p in procs:
        try:
            p.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    seconds = int(os.environ.get("SECONDS_PER_PAGE", os.environ.get("SECONDS", "25")))
    rate = int(os.environ.get("RATE", "1000000"))
    pages = os.environ.get("PAGES", "overview,latency,queues,cluster").split(",")
    etcd = shutil.which(os.environ.get("ETCD", "etcd"))
    vigil = os.path.join(build, "app/vigil/vigil")
    vigilctl = os.path.join(build, "app/vigilctl/vigilctl")
    for tool in (vigil, vigilctl):
        if not os.access(tool, os.X_OK):
            raise SystemExit(f"bench_dashboards.py: missing {tool}")
    if not etcd or not shutil.which("xvfb-run"):
        raise SystemExit("bench_dashboards.py: needs etcd (etcd-server) and xvfb-run")

    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    print(f"machine: {cpu}, {os.cpu_count()} CPUs; {seconds} s per page; events at {rate}/s")
    tmp = tempfile.mkdtemp(prefix="vigil-bench-dash-")
    procs = []
    try:
        etcds, urls = start_etcd(etcd, tmp)
        procs += etcds
        sim, event_url = start_sim(vigilctl, rate)
        procs.append(sim)
        time.sleep(3)  # quorum and the first scrapes; not a measurement
        text = urllib.request.urlopen(urls[0] + "/metrics").read().decode()
        series = sum(1 for line in text.splitlines() if line and not line.startswith("#"))
        print(f"targets: {len(urls)} etcd members, {series} series on the first one's /metrics")
        print("| page | ticks/s | tick work p50 / p99 ms | page updates/s | GUI thread busy | events processed/s |")
        print("|---|---|---|---|---|---|")
        for page in pages:
            out = os.path.join(tmp, f"{page}.json")
            args = ["xvfb-run", "-a", "-s", "-screen 0 1920x1080x24", vigil, "--profile", "etcd", "--interval", "1",
                    "--listen", event_url, "--dashboard", page, "--frame-probe", out,
                    "--quit-after", str(seconds)]
            for u in urls:
                args += ["--target", u]
            env = dict(os.environ, XDG_CONFIG_HOME=os.path.join(tmp, "config"))
            subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=seconds + 60)
            j = json.load(open(out))
            print(f"| {page} | {j['ticks_per_second']:.1f} | {j['tick_ms']['p50']:.1f} / {j['tick_ms']['p99']:.1f} "
                  f"| {j.get('page_updates_per_second', 0):.1f} | {j['gui_thread_busy_percent']:.1f} % "
                  f"| {j.get('events_processed', 0) / max(j.get('seconds', 1), 1e-3) / 1e6:.2f} M |")
    finally:
        stop(procs)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
