#!/usr/bin/env bash
# The progress report (a PDF of everything, without and with journal
# entries) and the incident record (verifying it, exporting it as a ZIP)
# with a large journal and 1,000 incident records, ten of them with a
# 20 MiB file: wall time, size, pages and peak memory of each, in one
# process (solace-bench-reports; see benchmarks/README.md).
#
# Usage: benchmarks/reports.sh [--entries N] [--runs R] [--no-journal-report]
#        [--verbose]   (defaults 100000 and 3; the report with every entry
#        is the slow one; --verbose adds a line per run)
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
builddir=${SOLACE_BUILDDIR:-$root/build}
entries=100000
runs=3
seed=1
extra=()

while [[ $# -gt 0 ]]; do
  case $1 in
    --entries) entries=${2:?}; shift 2 ;;
    --runs) runs=${2:?}; shift 2 ;;
    --no-journal-report|--verbose) extra+=("$1"); shift ;;
    -h|--help) sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "Unknown option: $1" >&2; exit 2 ;;
  esac
done
for value in "$entries" "$runs"; do
  if ! [[ $value =~ ^[0-9]+$ ]] || [[ $value -lt 1 ]]; then
    echo "Options take whole numbers from 1, not “$value”." >&2
    exit 2
  fi
done
if ! command -v pdfinfo >/dev/null; then
  echo "This needs pdfinfo (apt install poppler-utils) to count pages." >&2
  exit 1
fi

ninja -C "$builddir" benchmarks/solace-generate benchmarks/solace-bench-reports >&2

# The same cached journal as run.sh, lock.sh and vault.sh.
bench_src=$root/benchmarks
gen_hash=$(cat "$bench_src/solace-generate.c" "$bench_src/generate-vocabulary.h" | sha1sum | cut -c1-10)
cache_dir="$builddir/bench-cache"
cache_db="$cache_dir/journal-$entries-seed$seed-$gen_hash.db"
mkdir -p "$cache_dir"
if [[ ! -f $cache_db ]]; then
  echo "Generating $entries entries into $cache_db" >&2
  rm -f "$cache_db.tmp"
  "$builddir/benchmarks/solace-generate" --entries "$entries" --seed "$seed" "$cache_db.tmp" >&2
  mv "$cache_db.tmp" "$cache_db"
fi

# solace-bench-reports copies the journal into its own temporary folder
# and removes it.  No settings are read from the desktop.
export GSETTINGS_BACKEND=memory
echo "== Reports and evidence: $entries entries, median of $runs runs"
exec "$builddir/benchmarks/solace-bench-reports" --runs "$runs" "${extra[@]}" "$cache_db"
