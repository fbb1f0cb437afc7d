# shellcheck shell=bash
# Debian 12 packages Solace needs, and a helper that installs the missing
# ones. Sourced by build-aux/run.sh and build-aux/test.sh:
#
#   . build-aux/deps.sh
#   solace_ensure_deps build   # to build and run
#   solace_ensure_deps test    # to build and run the tests
#   solace_ensure_deps fuzz    # to fuzz the import

SOLACE_BUILD_DEPS=(
  meson
  ninja-build
  pkg-config
  gcc
  libc6-dev
  libglib2.0-dev
  libgtk-4-dev
  libadwaita-1-dev
  libsqlite3-dev
  libnotify-dev
  libical-dev
  libsodium-dev
  gettext
  desktop-file-utils
  appstream
  # What the window needs at run time that --no-install-recommends would
  # leave out: icons (and the SVG loader that draws them), the MIME
  # database GdkPixbuf uses to recognise them, and GNOME's UI font.
  adwaita-icon-theme
  hicolor-icon-theme
  librsvg2-common
  shared-mime-info
  fonts-cantarell
)

# xvfb-run needs xauth; dbus-run-session comes with dbus; libglib2.0-bin
# has glib-compile-schemas and gsettings.
SOLACE_TEST_DEPS=(
  "${SOLACE_BUILD_DEPS[@]}"
  xvfb
  xauth
  dbus
  python3-dbusmock
  imagemagick
  poppler-utils
  sqlite3
  libglib2.0-bin
)

# Building, installing and trying the Debian package
# (build-aux/test-package.sh).
SOLACE_PACKAGE_DEPS=(
  "${SOLACE_TEST_DEPS[@]}"
  debhelper
  dpkg-dev
  fakeroot
  lintian
  xdotool
  libglib2.0-bin
)

# The libFuzzer build of the import (build-aux/fuzz.sh): clang and its
# sanitizer and fuzzer runtimes.
SOLACE_FUZZ_DEPS=(
  "${SOLACE_BUILD_DEPS[@]}"
  clang
  libclang-rt-14-dev
)

# Prints the packages of the given list that are not installed.
solace_missing_deps () {
  local pkg
  for pkg in "$@"; do
    if [[ "$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null)" != installed ]]; then
      printf '%s\n' "$pkg"
    fi
  done
}

# solace_ensure_deps build|test|fuzz|package
# Returns 0 when everything is installed (installing it first when running
# as root), 1 with instructions otherwise.
solace_ensure_deps () {
  local kind=${1:-build}
  local -a wanted missing

  case $kind in
    build) wanted=("${SOLACE_BUILD_DEPS[@]}") ;;
    test) wanted=("${SOLACE_TEST_DEPS[@]}") ;;
    fuzz) wanted=("${SOLACE_FUZZ_DEPS[@]}") ;;
    package) wanted=("${SOLACE_PACKAGE_DEPS[@]}") ;;
    *)
      echo "solace_ensure_deps: unknown list '$kind' (use build, test, fuzz or package)" >&2
      return 1
      ;;
  esac

  if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "Note: this is not a Debian-based system, so dependencies are not checked." >&2
    echo "      Install the equivalents of: ${wanted[*]}" >&2
    return 0
  fi

  mapfile -t missing < <(solace_missing_deps "${wanted[@]}")
  if [[ ${#missing[@]} -eq 0 ]]; then
    return 0
  fi

  if [[ $(id -u) -ne 0 ]]; then
    echo "Some packages Solace needs are not installed. Install them with:" >&2
    echo >&2
    echo "  sudo apt-get install --no-install-recommends ${missing[*]}" >&2
    echo >&2
    echo "then run this command again." >&2
    return 1
  fi

  echo "Installing missing packages: ${missing[*]}" >&2
  if ! apt-get update ||
     ! DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"; then
    echo "Could not install: ${missing[*]}" >&2
    return 1
  fi

  mapfile -t missing < <(solace_missing_deps "${wanted[@]}")
  if [[ ${#missing[@]} -ne 0 ]]; then
    echo "Still missing after installing: ${missing[*]}" >&2
    return 1
  fi
}
