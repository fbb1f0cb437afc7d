#!/usr/bin/env bash
# The reminder service's cost: how long planning takes with 500 reminders,
# then how often the real service wakes up and how much memory it holds
# over a quiet stretch in which none of them is due.
#
# Usage: benchmarks/reminders.sh [--reminders N] [--minutes M]
#
# Wake-ups are the context switches of all the service's threads (from
# /proc/PID/task/*/status) over the stretch; memory is VmRSS and VmHWM.
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
builddir=${SOLACE_BUILDDIR:-$root/build}
reminders=500
minutes=10

while [[ $# -gt 0 ]]; do
  case $1 in
    --reminders) reminders=${2:?}; shift 2 ;;
    --minutes) minutes=${2:?}; shift 2 ;;
    -h|--help) sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "Unknown option: $1" >&2; exit 2 ;;
  esac
done
for value in "$reminders" "$minutes"; do
  if ! [[ $value =~ ^[0-9]+$ ]] || [[ $value -lt 1 ]]; then
    echo "Options take whole numbers from 1, not “$value”." >&2
    exit 2
  fi
done

ninja -C "$builddir" benchmarks/solace-bench-scheduler src/solace-reminders >/dev/null

work=$(mktemp -d /tmp/solace-bench-reminders-XXXXXX)
trap 'rm -rf "$work"' EXIT
export XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config
mkdir -p "$XDG_DATA_HOME/solace"

echo "== Planning with $reminders reminders (none due in the next $minutes minutes)"
"$builddir/benchmarks/solace-bench-scheduler" "$XDG_DATA_HOME/solace/solace.db" "$reminders" "$minutes"

# "TID COUNT" per thread: voluntary and involuntary context switches.
switches () {
  local pid=$1 task
  for task in /proc/"$pid"/task/*; do
    awk -v tid="${task##*/}" '/ctxt_switches/ { n += $2 } END { print tid, n }' "$task/status"
  done
}

echo
echo "== The service, idle for $minutes minutes"
export BENCH_SERVICE="$builddir/src/solace-reminders" BENCH_MINUTES=$minutes
cd "$work"
dbus-run-session -- bash -c '
  /usr/bin/python3 -m dbusmock --template notification_daemon >/dev/null 2>&1 &
  "$BENCH_SERVICE" & pid=$!
  sleep 3
  '"$(declare -f switches)"'
  switches $pid >before
  threads=$(ls /proc/$pid/task | wc -l)
  sleep $((BENCH_MINUTES * 60))
  switches $pid >after
  # Threads that lived through the whole stretch (a short-lived worker
  # from start-up takes its count with it when it ends).
  wakeups=$(join before after | awk "{ n += \$3 - \$2 } END { print n + 0 }")
  rss=$(awk "/VmRSS/ { print \$2 }" /proc/$pid/status)
  hwm=$(awk "/VmHWM/ { print \$2 }" /proc/$pid/status)
  echo "threads: $threads"
  echo "wake-ups (context switches, all threads) in $BENCH_MINUTES min: $wakeups"
  echo "resident memory: $((rss / 1024)).$(( (rss % 1024) * 10 / 1024 )) MiB (peak $((hwm / 1024)).$(( (hwm % 1024) * 10 / 1024 )) MiB)"
  if grep -q libgtk /proc/$pid/maps; then echo "GTK is loaded"; else echo "GTK is not loaded"; fi
  kill $pid
'
