#!/usr/bin/env bash
# Builds Solace in build/ and runs it without installing it.
# Usage: build-aux/run.sh [solace options…]   (e.g. --help, --upcoming 5)
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
builddir="$root/build"

# Options that work without a display.
needs_display=1
for arg in "$@"; do
  case $arg in
    -h|--help|--help-*|--version|--upcoming|--upcoming=*|--export|--export=*|--export-journal|--export-journal=*|--import|--import=*|--background)
      needs_display=0
      ;;
  esac
done
if [[ $needs_display -eq 1 && -z ${DISPLAY:-} && -z ${WAYLAND_DISPLAY:-} ]]; then
  echo "Solace needs a graphical session, but neither DISPLAY nor WAYLAND_DISPLAY is set." >&2
  echo "Run this from a terminal inside your desktop session (or use build-aux/test.sh to build and test without one)." >&2
  exit 1
fi

# shellcheck source=build-aux/deps.sh
. "$root/build-aux/deps.sh"
solace_ensure_deps build || exit 1

(
  cd "$root"
  if [[ ! -f $builddir/build.ninja ]]; then
    if [[ -f $builddir/meson-private/coredata.dat ]]; then
      meson setup --wipe "$builddir"
    else
      meson setup "$builddir"
    fi
  fi
  meson compile -C "$builddir"
)

# The schema is compiled into build/data; the icons are found in data/;
# the translations are compiled into build/po.
export GSETTINGS_SCHEMA_DIR="$builddir/data"
export SOLACE_LOCALEDIR="$builddir/po"
export XDG_DATA_DIRS="$root/data:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"

# Runs from the caller's directory, so relative paths given to
# --export/--import mean what the user expects.
exec "$builddir/src/solace" "$@"
