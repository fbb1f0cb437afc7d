#!/usr/bin/env bash
# The passphrase lock in the data layer with a large journal: sealing it
# (solace_vault_seal), the unlock at the calibrated Argon2 cost, and the
# first page and searches on the sealed copy against the same journal
# plain, in one process (solace-bench-vault; see benchmarks/README.md).
#
# Usage: benchmarks/vault.sh [--entries N] [--runs R]   (defaults 100000, 5)
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
builddir=${SOLACE_BUILDDIR:-$root/build}
entries=100000
runs=5
seed=1

while [[ $# -gt 0 ]]; do
  case $1 in
    --entries) entries=${2:?}; shift 2 ;;
    --runs) runs=${2:?}; shift 2 ;;
    -h|--help) sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "Unknown option: $1" >&2; exit 2 ;;
  esac
done
for value in "$entries" "$runs"; do
  if ! [[ $value =~ ^[0-9]+$ ]] || [[ $value -lt 1 ]]; then
    echo "Options take whole numbers from 1, not “$value”." >&2
    exit 2
  fi
done

ninja -C "$builddir" benchmarks/solace-generate benchmarks/solace-bench-vault >&2

# The same cached journal as run.sh and lock.sh.
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

# solace-bench-vault copies the journal into its own temporary folder
# and removes it; its exit status says whether every target was met.
exec "$builddir/benchmarks/solace-bench-vault" --runs "$runs" "$cache_db"
