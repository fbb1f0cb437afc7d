#!/usr/bin/env bash
# The journal editor with the worst text it accepts: for each kind of
# hostile text of the largest size an entry holds, the longest the main
# loop was held while the entry opens, scrolls to its end and is typed in;
# then the same for the editor as it was (a plain text view) at a smaller
# size, for comparison.  Under Xvfb, with GTK's cairo renderer: Xvfb has
# no GPU, and GTK's GL renderer there runs on the CPU and would be timed
# instead of the text.
#
# Usage: benchmarks/long-text.sh [CHARS] [--raw N]
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
builddir=${SOLACE_BUILDDIR:-$root/build}

ninja -C "$builddir" benchmarks/solace-bench-long-text >/dev/null

args=("$@")
[[ ${#args[@]} -gt 0 ]] || args=(--raw 20000)

env -u WAYLAND_DISPLAY GDK_BACKEND=x11 NO_AT_BRIDGE=1 GSK_RENDERER=cairo \
  GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$builddir/data" \
  xvfb-run -a -s '-screen 0 1280x1024x24' \
  "$builddir/benchmarks/solace-bench-long-text" "${args[@]}"
