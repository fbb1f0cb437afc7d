#!/usr/bin/env bash
# Checks po/POTFILES.in against the source tree:
#   - the list is sorted (LC_ALL=C, comments and blank lines ignored);
#   - every file under src/ with translatable strings is listed;
#   - every listed file exists.
# Usage: build-aux/check-potfiles.sh [SRCROOT]   (default: the repository root)
set -euo pipefail
export LC_ALL=C

srcroot=${1:-"$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"}
cd "$srcroot"

potfiles=po/POTFILES.in
if [[ ! -f $potfiles ]]; then
  echo "check-potfiles: $srcroot/$potfiles does not exist" >&2
  exit 1
fi

status=0

# The entries, without comments, blank lines or surrounding spaces.
entries=$(sed -e 's/#.*$//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' "$potfiles" | grep -v '^$' || true)

# (a) Sorted, no duplicates.
if ! sorted_out=$(printf '%s\n' "$entries" | sort -c 2>&1); then
  echo "check-potfiles: $potfiles is not sorted (LC_ALL=C); first entry out of order: ${sorted_out##*disorder: }" >&2
  status=1
fi
dups=$(printf '%s\n' "$entries" | grep -v '^$' | uniq -d || true)
if [[ -n $dups ]]; then
  while IFS= read -r f; do
    echo "check-potfiles: listed more than once in $potfiles: $f" >&2
  done <<<"$dups"
  status=1
fi

# (c) Every entry exists.
if [[ -n $entries ]]; then
  while IFS= read -r f; do
    if [[ ! -f $f ]]; then
      echo "check-potfiles: listed in $potfiles but missing: $f" >&2
      status=1
    fi
  done <<<"$entries"
fi

# (b) Every file under src/ with translatable strings is listed.
translatable=()
if [[ -d src ]]; then
  # C: _("…"), N_("…"), C_("ctx", "…"), NC_(…), and ngettext/g_dngettext (…).
  c_pattern='(^|[^[:alnum:]_])(_|N_|C_|NC_)[[:space:]]*\(|ngettext[[:space:]]*\('
  while IFS= read -r -d '' f; do
    translatable+=("${f#./}")
  done < <(find src -type f -name '*.c' -print0 | sort -z |
           xargs -0 -r grep -lZE -- "$c_pattern" || true)
  while IFS= read -r -d '' f; do
    translatable+=("${f#./}")
  done < <(find src -type f -name '*.ui' -print0 | sort -z |
           xargs -0 -r grep -lZ -- 'translatable="yes"' || true)
fi

for f in ${translatable[@]+"${translatable[@]}"}; do
  if ! grep -qxF -- "$f" <<<"$entries"; then
    echo "check-potfiles: has translatable strings but is not in $potfiles: $f" >&2
    status=1
  fi
done

if [[ $status -eq 0 ]]; then
  echo "check-potfiles: $potfiles is sorted, complete and every file exists"
fi
exit "$status"
