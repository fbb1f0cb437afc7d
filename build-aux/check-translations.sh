#!/usr/bin/env bash
# Checks every translation in po/LINGUAS against the sources as they are
# now: the template is made afresh from po/POTFILES.in (with the same
# xgettext options as meson's "glib" preset), each .po is merged with it
# in a temporary folder, and msgfmt --check --statistics must report
# every message translated, none fuzzy, none untranslated.  So a string
# added or changed in the code without its translations fails here.
#
# Usage: build-aux/check-translations.sh SOURCE-ROOT
# Prints TAP: one case per language and check.
set -uo pipefail

root=${1:?usage: check-translations.sh SOURCE-ROOT}
cd "$root"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mapfile -t langs < <(grep -v '^#' po/LINGUAS | tr ' ' '\n' | grep -v '^$')
echo "1..$((1 + 2 * ${#langs[@]}))"
n=0
result () {
  n=$((n + 1))
  if [[ $1 -eq 0 ]]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

xgettext --package-name=solace --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --flag=g_markup_printf_escaped:1:c-format \
  -D "$root" -f po/POTFILES.in -o "$work/solace.pot" 2> "$work/xgettext.log"
status=$?
messages=$(grep -c '^msgid ' "$work/solace.pot" 2>/dev/null || echo 0)
if [[ $status -ne 0 ]]; then cat "$work/xgettext.log" | sed 's/^/# /'; fi
result "$status" "the template is made from the sources ($((messages - 1)) messages)"

for lang in "${langs[@]}"; do
  po=po/$lang.po
  if ! msgfmt --check -o /dev/null "$po" 2> "$work/$lang.check"; then
    sed 's/^/# /' "$work/$lang.check"
    result 1 "$lang: $po passes msgfmt --check"
  else
    result 0 "$lang: $po passes msgfmt --check"
  fi

  msgmerge --quiet --no-fuzzy-matching -o "$work/$lang.po" "$po" "$work/solace.pot" 2>/dev/null
  stats=$(msgfmt --check --statistics -o /dev/null "$work/$lang.po" 2>&1)
  if [[ $stats =~ untranslated|fuzzy ]] || ! [[ $stats =~ translated ]]; then
    echo "# $stats"
    # Which ones: the first few, for whoever fixes it.
    msgattrib --untranslated --no-obsolete "$work/$lang.po" 2>/dev/null | grep '^msgid ' | head -n 5 | sed 's/^/#   /'
    result 1 "$lang: every message of the sources is translated ($stats)"
  else
    result 0 "$lang: every message of the sources is translated ($stats)"
  fi
done
