#!/usr/bin/env bash
# Builds the Debian package from the committed tree, installs it on this
# machine, checks the installed Solace as a person would meet it, and
# removes it again, checking that nothing is left behind.
#
# Usage: build-aux/test-package.sh [OUTDIR]
#
# Needs root (it installs a package).  Each check prints "ok - …" or
# "not ok - …"; the last line is "N passed, N failed".  build-aux/test.sh
# runs it after the test suite and counts its checks.
set -uo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$root"

passed=0
failed=0
ok () { echo "ok - $*"; passed=$((passed + 1)); }
not_ok () { echo "not ok - $*"; failed=$((failed + 1)); }
finish () {
  echo "$passed passed, $failed failed"
  [[ $failed -eq 0 ]]
  exit
}

if [[ $(id -u) -ne 0 ]]; then
  echo "build-aux/test-package.sh installs a package: run it as root." >&2
  not_ok "running as root"
  finish
fi

# shellcheck source=build-aux/deps.sh
. build-aux/deps.sh
solace_ensure_deps package || { not_ok "installing what a package build needs"; finish; }

if dpkg-query -W -f='${db:Status-Status}' solace 2>/dev/null | grep -q installed; then
  echo "A solace package is installed already; this test would remove it." >&2
  not_ok "no solace package installed before the test"
  finish
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/solace-package.XXXXXX")
cleanup () {
  DEBIAN_FRONTEND=noninteractive apt-get purge -y solace >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# 1. The package, built from what is committed (a clean tree: no build
#    folders, nothing untracked), as a person building from a clone would.
version=$(dpkg-parsechangelog -l debian/changelog -S Version)
src="$work/solace-$version"
mkdir -p "$src"
git -C "$root" archive HEAD | tar -x -C "$src"
if (cd "$src" && dpkg-buildpackage -b -us -uc) > "$work/build.log" 2>&1; then
  ok "dpkg-buildpackage -b -us -uc builds the package"
else
  tail -n 40 "$work/build.log"
  # What a failing test said, which the summary above leaves out.
  grep -h -E 'Bail out|^ERROR:|^not ok' "$src"/obj-*/meson-logs/testlog.txt 2>/dev/null | head -n 20
  not_ok "dpkg-buildpackage -b -us -uc builds the package"
  finish
fi
deb=$(ls "$work"/solace_*.deb)

if lintian --fail-on error "$deb" > "$work/lintian.log" 2>&1; then
  ok "lintian finds no error ($(grep -c '^W:' "$work/lintian.log") warnings)"
else
  cat "$work/lintian.log"
  not_ok "lintian finds no error"
fi

# 2. What the package holds.
contents=$(dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|')
for path in /usr/bin/solace /usr/libexec/solace-reminders \
            /usr/share/applications/io.github.solace_app.Solace.desktop \
            /usr/share/metainfo/io.github.solace_app.Solace.metainfo.xml \
            /usr/share/icons/hicolor/scalable/apps/io.github.solace_app.Solace.svg \
            /usr/share/icons/hicolor/symbolic/apps/io.github.solace_app.Solace-symbolic.svg \
            /usr/share/glib-2.0/schemas/io.github.solace_app.Solace.gschema.xml \
            /usr/share/dbus-1/services/io.github.solace_app.Solace.service \
            /usr/share/dbus-1/services/io.github.solace_app.Solace.Reminders.service; do
  if grep -qx "$path" <<<"$contents"; then
    ok "the package holds $path"
  else
    not_ok "the package holds $path"
  fi
done
for lang in $(grep -v '^#' po/LINGUAS); do
  if grep -qx "/usr/share/locale/$lang/LC_MESSAGES/solace.mo" <<<"$contents"; then
    ok "the package holds the $lang translation"
  else
    not_ok "the package holds the $lang translation"
  fi
done

# 3. Installed, as apt installs it.
if DEBIAN_FRONTEND=noninteractive apt-get install -y "$deb" > "$work/install.log" 2>&1; then
  ok "apt-get installs the package"
else
  tail -n 20 "$work/install.log"
  not_ok "apt-get installs the package"
  finish
fi

# A person's own folders, empty, so nothing of this machine's is read.
home="$work/home"
mkdir -p "$home"
run_as_person () {
  env -i PATH=/usr/bin:/bin HOME="$home" XDG_DATA_HOME="$home/.local/share" \
    XDG_CONFIG_HOME="$home/.config" XDG_CACHE_HOME="$home/.cache" \
    XDG_RUNTIME_DIR="$work" LANG=C.UTF-8 "$@"
}

out=$(run_as_person /usr/bin/solace --version 2>&1)
if [[ $out == *"$(dpkg-parsechangelog -l debian/changelog -S Version)"* ]]; then
  ok "the installed solace --version says $out"
else
  not_ok "the installed solace --version (said: $out)"
fi

out=$(run_as_person /usr/bin/solace --upcoming 2>&1)
status=$?
if [[ $status -eq 0 ]]; then
  ok "the installed solace --upcoming runs (status 0)"
else
  not_ok "the installed solace --upcoming runs (status $status: $out)"
fi

# The window, on a private X server and session bus: it must map.  Then
# the reminder service, started by D-Bus activation from its installed
# service file, by name alone.
cat > "$work/session.sh" <<'SESSION'
#!/bin/bash
/usr/bin/solace > "$1/window.log" 2>&1 &
pid=$!
if xdotool search --sync --onlyvisible --name '^Solace$' >/dev/null 2>&1; then
  echo "window mapped"
fi
gdbus call --session --dest io.github.solace_app.Solace.Reminders \
  --object-path /io/github/solace_app/Solace/Reminders \
  --method org.freedesktop.DBus.Peer.Ping >/dev/null 2>&1 && echo "service activated"
gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
  --method org.freedesktop.DBus.GetNameOwner io.github.solace_app.Solace.Reminders >/dev/null 2>&1 &&
  echo "service owns its name"
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
SESSION
chmod +x "$work/session.sh"
out=$(run_as_person DISPLAY= timeout 120 xvfb-run -a -s '-screen 0 1280x1024x24' \
        dbus-run-session -- "$work/session.sh" "$work" 2>/dev/null)
if grep -q "window mapped" <<<"$out"; then
  ok "the installed window maps under Xvfb"
else
  cat "$work/window.log" 2>/dev/null
  not_ok "the installed window maps under Xvfb"
fi
if grep -q "service activated" <<<"$out" && grep -q "service owns its name" <<<"$out"; then
  ok "D-Bus activates the installed reminder service by name"
else
  not_ok "D-Bus activates the installed reminder service by name"
fi

# 4. Removed, with nothing left behind: every file the package installed
#    is gone (folders shared with other packages stay).
files=$(dpkg -L solace | while read -r f; do [[ -f $f || -L $f ]] && echo "$f"; done)
if DEBIAN_FRONTEND=noninteractive apt-get purge -y solace > "$work/purge.log" 2>&1; then
  ok "apt-get purge removes the package"
else
  tail -n 20 "$work/purge.log"
  not_ok "apt-get purge removes the package"
fi
left=""
while read -r f; do
  [[ -n $f && ( -e $f || -L $f ) ]] && left="$left $f"
done <<<"$files"
if [[ -z $left ]]; then
  ok "no file of the package is left after purge ($(wc -l <<<"$files") files checked)"
else
  not_ok "files left after purge:$left"
fi

finish
