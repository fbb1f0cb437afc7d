#!/usr/bin/env bash
# Fuzzes the JSON import with libFuzzer for a while: sets up a clang build
# in build-fuzz/ (coverage on all the code, AddressSanitizer and
# UndefinedBehaviorSanitizer), builds tests/fuzz/fuzz-import, seeds its
# corpus with real exports, runs it for SECONDS (default 60) and prints
# libFuzzer's final statistics: executions, speed, coverage, corpus.
# Exits 1 if it found a crash (the input is kept in build-fuzz/artifacts/;
# once fixed, copy it to tests/fuzz/regressions/ as NAME.json, where
# test-export runs it), 2 for a usage error.
#
# Usage: build-aux/fuzz.sh [SECONDS]
#   FUZZ_BUILDDIR   the build folder (default: build-fuzz)
set -euo pipefail

usage () {
  echo "Usage: build-aux/fuzz.sh [SECONDS]"
  echo "  SECONDS   how long to fuzz (default 60)"
}

seconds=60
case ${1:-} in
  -h|--help) usage; exit 0 ;;
  '') ;;
  *[!0-9]*) echo "Not a number of seconds: $1" >&2; usage >&2; exit 2 ;;
  *) seconds=$1 ;;
esac
if [[ $# -gt 1 ]]; then
  usage >&2
  exit 2
fi

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
builddir=${FUZZ_BUILDDIR:-$root/build-fuzz}

cd "$root"
# shellcheck source=build-aux/deps.sh
. build-aux/deps.sh
solace_ensure_deps fuzz || exit 1
if ! command -v clang >/dev/null 2>&1; then
  echo "The fuzzer needs clang (apt install clang libclang-rt-14-dev)." >&2
  exit 1
fi

if [[ ! -f $builddir/build.ninja ]]; then
  CC=clang meson setup "$builddir" \
    -Dfuzzing=true \
    -Db_sanitize=address,undefined -Db_lundef=false \
    -Dc_args=-fsanitize=fuzzer-no-link \
    -Dbuildtype=debugoptimized
fi
meson compile -C "$builddir" fuzz-import fuzz-corpus

fuzzer=$builddir/tests/fuzz/fuzz-import
corpus=$builddir/corpus
artifacts=$builddir/artifacts
mkdir -p "$corpus" "$artifacts"

# The checked-in seeds, and fresh exports from this build's export code.
find "$root/tests/fuzz/corpus" -maxdepth 1 -type f -exec cp -f {} "$corpus"/ \;
"$builddir/tests/fuzz/fuzz-corpus" "$corpus" >/dev/null

# Databases on tmpfs when there is one: every input commits twice.
if [[ -d /dev/shm && -w /dev/shm ]]; then
  export TMPDIR=/dev/shm
fi

export ASAN_OPTIONS=halt_on_error=1:abort_on_error=1:detect_leaks=1:print_summary=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:print_summary=1

log=$builddir/fuzz.log
echo "Fuzzing the import for ${seconds}s (log: $log)…"
status=0
# New inputs go to the first folder; the regressions are read as seeds.
"$fuzzer" \
  -max_total_time="$seconds" \
  -max_len=65536 \
  -timeout=20 \
  -rss_limit_mb=4096 \
  -print_final_stats=1 \
  -dict="$root/tests/fuzz/import.dict" \
  -artifact_prefix="$artifacts/" \
  "$corpus" "$root/tests/fuzz/regressions" >"$log" 2>&1 || status=$?

# The last progress line says the coverage; the final stats the rest.
echo
grep -E '^#[0-9]+.*(cov|DONE)' "$log" | tail -n 1 || true
grep -E '^stat::' "$log" || true
executions=$(sed -n 's/^stat::number_of_executed_units: //p' "$log")
coverage=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -n 1 || true)
echo "Summary: ${executions:-?} executions in ${seconds}s, ${coverage:-no coverage reported}," \
     "$(find "$corpus" -type f | wc -l) inputs in the corpus."

if [[ $status -ne 0 ]]; then
  echo
  grep -E 'ERROR: |SUMMARY: |fuzz-import: |Test unit written' "$log" | head -n 20 || true
  echo "The fuzzer found a crash (exit $status); the input is in $artifacts/." >&2
  echo "Once it is fixed, add it to tests/fuzz/regressions/ as NAME.json." >&2
  exit 1
fi
