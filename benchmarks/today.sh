#!/usr/bin/env bash
# The Today tab's cost on the main loop: each read it makes when it
# refreshes, the whole refresh, and drawing the charts, with years of
# daily check-ins and urges.
#
# Usage: benchmarks/today.sh [--years N]
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
builddir=${SOLACE_BUILDDIR:-$root/build}
years=5

while [[ $# -gt 0 ]]; do
  case $1 in
    --years) years=${2:?}; shift 2 ;;
    -h|--help) sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "Unknown option: $1" >&2; exit 2 ;;
  esac
done
if ! [[ $years =~ ^[0-9]+$ ]] || [[ $years -lt 1 ]]; then
  echo "--years takes a whole number from 1, not “$years”." >&2
  exit 2
fi

ninja -C "$builddir" benchmarks/solace-bench-today >/dev/null

work=$(mktemp -d /tmp/solace-bench-today-XXXXXX)
trap 'rm -rf "$work"' EXIT

echo "== The Today tab with $years years of data (a frame is 16.7 ms)"
"$builddir/benchmarks/solace-bench-today" "$work/solace.db" "$years"
