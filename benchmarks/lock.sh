#!/usr/bin/env bash
# The passphrase lock with a large journal: how long encrypting takes,
# how long the unlock takes (Argon2 at its calibrated cost), and the
# first window with the same journal encrypted and plain, run
# alternately in one go.  Full-text search is measured by
# solace-bench-vault (see benchmarks/README.md).
#
# Usage: benchmarks/lock.sh [--entries N] [--runs R]   (defaults 100000, 7)
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
builddir=${SOLACE_BUILDDIR:-$root/build}
entries=100000
runs=7
seed=1

while [[ $# -gt 0 ]]; do
  case $1 in
    --entries) entries=${2:?}; shift 2 ;;
    --runs) runs=${2:?}; shift 2 ;;
    -h|--help) sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "Unknown option: $1" >&2; exit 2 ;;
  esac
done

if [[ -z ${DISPLAY:-} ]]; then
  exec xvfb-run -a -s '-screen 0 1280x1024x24' dbus-run-session -- "$0" --entries "$entries" --runs "$runs"
fi

ninja -C "$builddir" src/solace benchmarks/solace-generate benchmarks/solace-bench-unlock >&2

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

work=$(mktemp -d "${TMPDIR:-/tmp}/solace-bench-lock.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/plain/solace" "$work/sealed/solace" "$work/config"
cp "$cache_db" "$work/plain/solace/solace.db"
cp "$cache_db" "$work/sealed/solace/solace.db"
passphrase="benchmark harbour lantern 4711"

export GDK_BACKEND=x11 NO_AT_BRIDGE=1 GSETTINGS_BACKEND=memory GSK_RENDERER=cairo
export GSETTINGS_SCHEMA_DIR=$builddir/data XDG_CONFIG_HOME=$work/config

size_mb=$(du -m "$work/sealed/solace/solace.db" | cut -f1)
echo "Encrypting $entries entries ($size_mb MB) with solace --lock-setup" >&2
start=$(date +%s.%N)
printf '%s\n%s\n' "$passphrase" "$passphrase" |
  XDG_DATA_HOME=$work/sealed /usr/bin/time -f 'seal-peak-rss-kib %M' -o "$work/seal-time" \
  "$builddir/src/solace" --lock-setup >/dev/null 2>"$work/seal-log" || { cat "$work/seal-log" >&2; exit 1; }
end=$(date +%s.%N)
seal_s=$(echo "$end - $start" | bc)

# Today's backup already made in both, as it would be after the first
# start of the day: the daily copy runs in a thread at start-up and
# would compete with what is measured.
today=$(date +%F)
for kind in plain sealed; do
  mkdir -p -m 0700 "$work/$kind/solace/backups"
  cp "$work/$kind/solace/solace.db" "$work/$kind/solace/backups/solace-$today.db"
done
cp "$work/sealed/solace/solace.db.keys" "$work/sealed/solace/backups/solace-$today.db.keys"

run () {   # run KIND → "unlock_ms first_ms loaded_ms"
  local kind=$1 out
  if [[ $kind == sealed ]]; then
    out=$(printf '%s\n' "$passphrase" | XDG_DATA_HOME=$work/sealed SOLACE_BENCH=startup \
          "$builddir/benchmarks/solace-bench-unlock" --passphrase-stdin)
  else
    out=$(XDG_DATA_HOME=$work/plain SOLACE_BENCH=startup "$builddir/benchmarks/solace-bench-unlock" </dev/null)
  fi
  awk '
    $1 == "unlock-us" { unlock = $2 }
    $1 == "open-monotonic-us" { open = $2 }
    $1 == "first-frame-monotonic-us" { first = $2 }
    $1 == "loaded-monotonic-us" { loaded = $2 }
    END { printf "%.1f %.1f %.1f\n", unlock / 1000, (first - open) / 1000, (loaded - open) / 1000 }' <<<"$out"
}

run plain >/dev/null; run sealed >/dev/null   # warm-up, not counted
: >"$work/plain.txt"; : >"$work/sealed.txt"
for ((i = 0; i < runs; i++)); do
  run plain >>"$work/plain.txt"
  run sealed >>"$work/sealed.txt"
done

median () { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
p_first=$(cut -d' ' -f2 "$work/plain.txt" | median)
s_first=$(cut -d' ' -f2 "$work/sealed.txt" | median)
p_loaded=$(cut -d' ' -f3 "$work/plain.txt" | median)
s_loaded=$(cut -d' ' -f3 "$work/sealed.txt" | median)
unlock=$(cut -d' ' -f1 "$work/sealed.txt" | median)

printf '\n%-44s %10s %10s %8s %s\n' "$entries entries, medians of $runs" plain sealed ratio target
printf '%-44s %10s %10s %8s %s\n' "first window frame after opening (ms)" "$p_first" "$s_first" \
  "$(echo "scale=2; $s_first / $p_first" | bc)" "≤ 1.10"
printf '%-44s %10s %10s %8s %s\n' "journal list loaded after opening (ms)" "$p_loaded" "$s_loaded" \
  "$(echo "scale=2; $s_loaded / $p_loaded" | bc)" "(information)"
printf '%-44s %10s %10s %8s %s\n' "unlock: Argon2 + key file (ms)" "-" "$unlock" "" "≤ 1000"
printf '%-44s %10s %10s %8s %s\n' "encrypting with --lock-setup (s)" "-" "$(printf '%.1f' "$seal_s")" "" "< 60"
cat "$work/seal-time"
