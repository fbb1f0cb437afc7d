#!/usr/bin/env bash
# Runs the Solace benchmarks: start-up, scrolling and memory of the window
# with a large journal against an empty one, and search in the data layer.
# See benchmarks/README.md for what is measured and how.
#
# Usage: benchmarks/run.sh [--entries N] [--runs R] [--scroll-runs R]
#                          [--seed S] [--regenerate] [--keep]
#
# Exits 0 when every target is met, 1 when one is missed, 2 on errors.
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
builddir=${SOLACE_BUILDDIR:-$root/build}
bench_src="$root/benchmarks"
bench_bin="$builddir/benchmarks"

entries=100000
runs=7
scroll_runs=3
seed=1
regenerate=0
keep=0

usage() {
  sed -n '6,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

while [[ $# -gt 0 ]]; do
  case $1 in
    --entries) entries=${2:?}; shift 2 ;;
    --entries=*) entries=${1#*=}; shift ;;
    --runs) runs=${2:?}; shift 2 ;;
    --runs=*) runs=${1#*=}; shift ;;
    --scroll-runs) scroll_runs=${2:?}; shift 2 ;;
    --scroll-runs=*) scroll_runs=${1#*=}; shift ;;
    --seed) seed=${2:?}; shift 2 ;;
    --seed=*) seed=${1#*=}; shift ;;
    --regenerate) regenerate=1; shift ;;
    --keep) keep=1; shift ;;
    -h|--help) usage ;;
    *) echo "Unknown option: $1" >&2; usage ;;
  esac
done

for value in "$entries" "$runs" "$scroll_runs" "$seed"; do
  if ! [[ $value =~ ^[0-9]+$ ]]; then
    echo "Options take whole numbers, not “$value”." >&2
    exit 2
  fi
done
if [[ $runs -lt 1 ]]; then
  echo "--runs must be at least 1." >&2
  exit 2
fi

for tool in ninja xvfb-run; do
  if ! command -v "$tool" >/dev/null; then
    echo "The benchmarks need $tool." >&2
    exit 2
  fi
done
python=/usr/bin/python3
[[ -x $python ]] || python=$(command -v python3)

log() { printf '\n== %s\n' "$*" >&2; }

# 1. Build.
log "Building in $builddir"
if [[ ! -f $builddir/build.ninja ]]; then
  meson setup "$builddir" "$root"
fi
# Only what the benchmarks run, so a broken test elsewhere does not stop
# them (meson reconfigures first if a meson.build changed).
ninja -C "$builddir" benchmarks/solace-bench-app benchmarks/solace-bench-floor data/gschemas.compiled \
  benchmarks/solace-generate benchmarks/solace-bench-search benchmarks/solace-bench-exec >&2

# 2. The large journal, generated once per size, seed and generator.
gen_hash=$(cat "$bench_src/solace-generate.c" "$bench_src/generate-vocabulary.h" | sha1sum | cut -c1-10)
cache_dir="$builddir/bench-cache"
cache_db="$cache_dir/journal-$entries-seed$seed-$gen_hash.db"
mkdir -p "$cache_dir"
if [[ $regenerate -eq 1 ]]; then
  rm -f "$cache_db"
fi
if [[ ! -f $cache_db ]]; then
  # Older journals of the same size and seed are out of date.
  rm -f "$cache_dir/journal-$entries-seed$seed-"*.db
  log "Generating $entries entries (seed $seed) into $cache_db"
  rm -f "$cache_db.tmp" "$cache_db.tmp-wal" "$cache_db.tmp-shm"
  "$bench_bin/solace-generate" --entries "$entries" --seed "$seed" "$cache_db.tmp" >&2
  mv "$cache_db.tmp" "$cache_db"
else
  log "Using the cached journal $cache_db"
fi

# 3. Two data folders: an empty journal and a copy of the large one.
work=$(mktemp -d "${TMPDIR:-/tmp}/solace-bench.XXXXXX")
cleanup() {
  if [[ $keep -eq 1 ]]; then
    echo "Kept $work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

mkdir -p "$work/empty/solace" "$work/full/solace"
"$bench_bin/solace-generate" --entries 0 "$work/empty/solace/solace.db" >/dev/null
cp "$cache_db" "$work/full/solace/solace.db"
chmod 700 "$work/empty/solace" "$work/full/solace"

results="$builddir/bench-results"
mkdir -p "$results"
rm -f "$results/app.txt" "$results/search.txt" "$results/summary.txt"

# 4. The window, on a private X server and session bus.
log "Window start-up ($runs runs each, alternating, after one warm-up round) and scrolling ($scroll_runs runs)"
session=()
if command -v dbus-run-session >/dev/null; then
  session=(dbus-run-session --)
fi
# Progress goes to the terminal (without the session bus's chatter), the
# results to app.txt.
set +e
timeout --kill-after=10 3600 \
  xvfb-run -a -s '-screen 0 1280x1024x24' \
  "${session[@]}" \
  "$python" "$bench_src/bench-app.py" app \
    --solace "$bench_bin/solace-bench-app" \
    --floor "$bench_bin/solace-bench-floor" \
    --launcher "$bench_bin/solace-bench-exec" \
    --schema-dir "$builddir/data" \
    --data-dirs "$root/data:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}" \
    --empty "$work/empty" \
    --full "$work/full" \
    --work-dir "$work" \
    --runs "$runs" \
    --scroll-runs "$scroll_runs" \
    --output "$results/app.txt" \
  2>&1 | { grep -v -e '^dbus-daemon' -e 'at-spi2-registryd' -e 'SpiRegistry daemon' -e '^$' >&2 || true; }
app_status=${PIPESTATUS[0]}
set -e
if [[ $app_status -ne 0 ]]; then
  echo "The window benchmarks stopped with status $app_status." >&2
fi

# 5. Search, in the data layer, on the large journal.
log "Search: 100 queries on $entries entries"
search_status=0
timeout --kill-after=10 1800 \
  "$bench_bin/solace-bench-search" --verbose "$work/full/solace/solace.db" \
  > "$results/search.txt" || search_status=$?
if [[ $search_status -ne 0 ]]; then
  echo "The search benchmark stopped with status $search_status." >&2
fi
grep -v '^query ' "$results/search.txt" >&2 || true

# 6. The summary.
summary_status=0
"$python" "$bench_src/bench-app.py" summary \
  --app "$results/app.txt" --search "$results/search.txt" --entries "$entries" \
  | tee "$results/summary.txt" || summary_status=$?
echo "Raw results: $results/" >&2

if [[ $app_status -ne 0 || $search_status -ne 0 ]]; then
  exit 2
fi
exit "$summary_status"
