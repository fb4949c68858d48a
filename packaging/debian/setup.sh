#!/usr/bin/env bash
# Vigil on a fresh Debian 12 machine: install what is missing, build, then either
# open the demo (--demo) or run the whole test suite (--test). Idempotent.
# Run as root (or with sudo available). Build goes to ./build (override: VIGIL_BUILD_DIR).
set -euo pipefail

mode="${1:-}"
case "$mode" in
  --demo|--test|--build) ;;
  *) echo "usage: $0 --demo | --test | --build" >&2; exit 2 ;;
esac

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
top="$(cd "$here/../.." && pwd)"
build="${VIGIL_BUILD_DIR:-$top/build}"
jobs="${VIGIL_JOBS:-2}"

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi

# 1. Packages: only the missing ones, so a second run does not touch apt at all.
mapfile -t wanted < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$here/packages.txt")
missing=()
for p in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing: ${missing[*]}"
  # Without systemd, package scripts may try to start services on public ports:
  # a policy-rc.d that denies service starts prevents that (only if none exists).
  created_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo_cmd[@]}" tee /usr/sbin/policy-rc.d >/dev/null
    "${sudo_cmd[@]}" chmod +x /usr/sbin/policy-rc.d
    created_policy=1
  fi
  "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
      -o DPkg::Lock::Timeout=600 --no-install-recommends "${missing[@]}"
  if [ "$created_policy" = 1 ]; then "${sudo_cmd[@]}" rm -f /usr/sbin/policy-rc.d; fi
fi

# 2. Build.
echo "== building in $build"
cmake -S "$top" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVIGIL_BUILD_TESTS=ON
cmake --build "$build" -j "$jobs"

# 3. Run.
case "$mode" in
  --demo)
    exec "$build/app/vigil/vigil" --demo ;;
  --test)
    export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
    cd "$build"
    exec ctest --output-on-failure --timeout 600 -j "$jobs" ;;
  --build) ;;
esac
