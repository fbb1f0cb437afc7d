#!/usr/bin/env bash
# Export, import and the journal as Markdown with a heavy journal: the
# wall time and peak memory of each `solace` command (all of which run
# in the GUI in the one writer thread, never on the main loop), and the
# size of what they write.
#
# Usage: benchmarks/data.sh [--entries N]   (default 10000: daily for 27 years)
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
builddir=${SOLACE_BUILDDIR:-$root/build}
entries=10000

while [[ $# -gt 0 ]]; do
  case $1 in
    --entries) entries=${2:?}; shift 2 ;;
    -h|--help) sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "Unknown option: $1" >&2; exit 2 ;;
  esac
done
if ! [[ $entries =~ ^[0-9]+$ ]] || [[ $entries -lt 1 ]]; then
  echo "--entries takes a whole number from 1, not “$entries”." >&2
  exit 2
fi
if [[ ! -x /usr/bin/time ]]; then
  echo "This needs GNU time (apt install time)." >&2
  exit 1
fi

ninja -C "$builddir" src/solace benchmarks/solace-generate >/dev/null

work=$(mktemp -d /tmp/solace-bench-data-XXXXXX)
trap 'rm -rf "$work"' EXIT
export XDG_DATA_HOME=$work/a XDG_CONFIG_HOME=$work/config GSETTINGS_BACKEND=memory
mkdir -p "$work/a/solace"
"$builddir/benchmarks/solace-generate" --entries "$entries" "$work/a/solace/solace.db" >/dev/null

# Runs a command three times; prints the median wall time and the
# largest peak resident memory.
measure () {
  local label=$1; shift
  local times=() rss=0 line
  for _ in 1 2 3; do
    if ! /usr/bin/time -o "$work/time" -f '%e %M' "$@" >/dev/null 2>"$work/err"; then
      echo "$label failed:" >&2
      cat "$work/err" >&2
      exit 1
    fi
    line=$(tail -n 1 "$work/time")
    times+=("${line% *}")
    (( ${line#* } > rss )) && rss=${line#* }
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
  printf '%-44s %7s s  %7d KiB peak\n' "$label" "$median" "$rss"
}

size () {
  printf '%-44s %7d KiB\n' "$1" $(( $(stat -c %s "$2") / 1024 ))
}

echo "== $entries journal entries"
size "database" "$work/a/solace/solace.db"
measure "solace --export" "$builddir/src/solace" --export "$work/all.json" --force
size "the export" "$work/all.json"
measure "solace --export-journal (Markdown)" "$builddir/src/solace" --export-journal "$work/journal.md" --force
size "the Markdown" "$work/journal.md"

# Into an empty database each time (a fresh folder per run).
import_fresh () {
  rm -rf "$work/b"
  XDG_DATA_HOME=$work/b "$builddir/src/solace" --import "$work/all.json"
}
export -f import_fresh
export work builddir
measure "solace --import (into an empty database)" bash -c import_fresh
# Over the same data: a backup first, then every row compared.
measure "solace --import --merge (over the same)" "$builddir/src/solace" --import "$work/all.json" --merge
measure "solace --import --replace (backup + all)" "$builddir/src/solace" --import "$work/all.json" --replace
