#!/usr/bin/env bash
# Builds Solace and runs the whole test suite on a private X server and a
# private D-Bus session bus: first a normal build (build/), then, unless
# --quick is given, a build with AddressSanitizer and UndefinedBehaviorSanitizer
# (build-sanitize/) and, as root, the Debian package built, installed,
# tried and removed (build-aux/test-package.sh). The last line printed is
# "N passed, N failed".
#
# Usage: build-aux/test.sh [--quick]
set -euo pipefail

usage () {
  echo "Usage: build-aux/test.sh [--quick]"
  echo "  --quick   skip the sanitizer build (build-sanitize/) and the Debian package"
}

quick=0
for arg in "$@"; do
  case $arg in
    --quick) quick=1 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "Unknown option: $arg" >&2; usage >&2; exit 2 ;;
  esac
done

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$root"

# shellcheck source=build-aux/deps.sh
. build-aux/deps.sh
solace_ensure_deps test || exit 1

python=/usr/bin/python3
total_passed=0
total_failed=0
total_skipped=0
problems=0
summaries=()

# options_differ BUILDDIR -Dname=value…: true when BUILDDIR's options are
# not already set to these values.
options_differ () {
  "$python" - "$@" <<'PY'
import json, sys
dir, wanted = sys.argv[1], sys.argv[2:]
try:
    with open(f"{dir}/meson-info/intro-buildoptions.json") as f:
        current = {o["name"]: o["value"] for o in json.load(f)}
except (OSError, ValueError):
    sys.exit(0)
def text(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return ",".join(map(str, v))
    return str(v)
for opt in wanted:
    name, _, value = opt[2:].partition("=")
    if name not in current or text(current[name]) != value:
        sys.exit(0)
sys.exit(1)
PY
}

# configure BUILDDIR -Dname=value…: sets up BUILDDIR, or applies the options
# to it when it is already configured (build/ may have been made by run.sh).
configure () {
  local dir=$1
  shift
  if [[ -f $dir/build.ninja ]]; then
    if options_differ "$dir" "$@"; then
      meson configure "$dir" "$@"
    fi
  elif [[ -f $dir/meson-private/coredata.dat ]]; then
    meson setup --wipe "$dir" "$@"
  else
    meson setup "$dir" "$@"
  fi
}

# run_tests BUILDDIR [meson test options…]
run_tests () {
  local dir=$1
  shift
  rm -f "$dir/meson-logs/testlog.json"
  # GTK must use the private X server even inside a Wayland session.
  env -u WAYLAND_DISPLAY GDK_BACKEND=x11 NO_AT_BRIDGE=1 \
    xvfb-run -a -s '-screen 0 1280x1024x24' \
    dbus-run-session -- \
    meson test -C "$dir" --print-errorlogs "$@"
}

# check BUILDDIR LABEL SETUP-OPTIONS -- TEST-OPTIONS
check () {
  local dir=$1 label=$2
  shift 2
  local -a setup_opts=() test_opts=()
  while [[ $# -gt 0 && $1 != -- ]]; do setup_opts+=("$1"); shift; done
  [[ $# -gt 0 ]] && shift
  test_opts=("$@")

  echo
  echo "=== $label ($dir) ==="
  local test_status=0 note=""
  if ! configure "$dir" "${setup_opts[@]}" || ! meson compile -C "$dir"; then
    problems=1
    summaries+=("$label: the build failed, no tests ran")
    rm -f "$dir/meson-logs/testlog.json"
    return 0
  fi
  run_tests "$dir" ${test_opts[@]+"${test_opts[@]}"} || test_status=$?

  local counts passed failed skipped
  counts=$("$python" build-aux/count-tests.py "$dir")
  read -r passed failed skipped < <(tail -n 1 <<<"$counts")
  if [[ $(wc -l <<<"$counts") -gt 1 ]]; then
    echo "Failed cases in $label:"
    head -n -1 <<<"$counts"
  fi

  if [[ $test_status -ne 0 ]]; then
    problems=1
    note=" (meson test exited with status $test_status)"
  fi
  if [[ $((passed + failed + skipped)) -eq 0 ]]; then
    problems=1
    note="$note (no tests ran)"
  fi
  summaries+=("$label: $passed passed, $failed failed, $skipped skipped$note")
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
  total_skipped=$((total_skipped + skipped))
}

check build "normal build" -Dwerror=true

if [[ $quick -eq 0 ]]; then
  # Stop at the first error; individual tests may adjust ASAN_OPTIONS
  # (e.g. detect_leaks=0 for GTK widget tests).
  ASAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_summary=1:detect_leaks=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:print_summary=1 \
    check build-sanitize "sanitizer build" \
      -Db_sanitize=address,undefined -Db_lundef=false -Dwerror=true \
      -- --timeout-multiplier 3
fi

# The Debian package: built from the committed tree, installed, tried
# and removed (build-aux/test-package.sh).  It installs a package, so it
# runs as root only, and not with --quick.
if [[ $quick -eq 0 ]]; then
  echo
  echo "=== Debian package ==="
  if [[ $(id -u) -ne 0 ]]; then
    summaries+=("Debian package: not tried (it installs a package: run as root)")
  else
    package_log=$(mktemp)
    bash build-aux/test-package.sh | tee "$package_log"
    read -r passed _ failed _ < <(tail -n 1 "$package_log")
    rm -f "$package_log"
    if ! [[ $passed =~ ^[0-9]+$ && $failed =~ ^[0-9]+$ ]]; then
      problems=1
      passed=0 failed=0
      summaries+=("Debian package: the test did not finish")
    else
      summaries+=("Debian package: $passed passed, $failed failed")
    fi
    total_passed=$((total_passed + passed))
    total_failed=$((total_failed + failed))
  fi
fi

echo
echo "=== Summary ==="
for line in "${summaries[@]}"; do
  echo "$line"
done
if [[ $total_passed -eq 0 && $total_failed -eq 0 && $total_skipped -eq 0 ]]; then
  problems=1
fi

result="$total_passed passed, $total_failed failed"
if [[ $total_skipped -gt 0 ]]; then
  result="$result, $total_skipped skipped"
fi
echo "$result"

if [[ $problems -ne 0 || $total_failed -ne 0 ]]; then
  exit 1
fi
