#!/usr/bin/env bash
# newsml_seed.sh - the seed article's NewsML-G2 item names its people,
# organisation and places as subjects, marks them in the NITF body, and
# marks its four direct quotes with their sources; it validates.
# (Needs the entity and quote stages: issues 3 and 4.)
set -euo pipefail
: "${NEWSPRISM:?set NEWSPRISM to the newsprism binary}"
shared=${NP_SHARED:-$(dirname "$0")/../../../shared}
seed=$shared/seed/kerry-lavrov.txt
xsd=$shared/reference/newsml-g2/LOCAL-newsml-g2-2.35-plus-nitf-3.6.xsd
if [ ! -f "$seed" ] || [ ! -f "$xsd" ]; then
  echo "SKIPPED: $shared (seed, schema) not found; set NP_SHARED"; exit 77
fi
if ! command -v xmllint >/dev/null 2>&1; then
  echo "SKIPPED: xmllint not installed (scripts/install-deps.sh test)"; exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bad=0
fail() { echo "FAIL: $*" >&2; bad=1; }

SOURCE_DATE_EPOCH=1700000000 "$NEWSPRISM" convert -q -f newsml -o "$tmp" "$seed"
item=$tmp/kerry-lavrov.newsml.xml
[ -s "$item" ] || { echo "FAIL: no item" >&2; exit 1; }
"$NEWSPRISM" validate -q --schema "$xsd" "$item" || fail "newsprism validate"
xmllint --nonet --noout --schema "$xsd" "$item" 2>/dev/null || fail "xmllint"

xp() { xmllint --nonet --xpath "$1" "$item" 2>/dev/null || true; }
subject() { # subject TYPE NAME
  [ "$(xp "count(//*[local-name()='subject'][@type='$1'][@literal='$2'])")" = 1 ] ||
    fail "no subject $1 '$2'"
}
for p in "John Kerry" "Sergey Lavrov" "John Kirby" "Bashar Assad"; do
  subject cpnat:person "$p"
  [ "$(xp "count(//*[local-name()='p']/*[local-name()='person'][@value='$p'])")" -ge 1 ] ||
    fail "'$p' not marked in the body"
done
subject cpnat:organisation "State Department"
for p in Syria Russia Aleppo Washington; do
  subject cpnat:geoArea "$p"
done
[ "$(xp "count(//*[local-name()='org'])")" -ge 1 ] || fail "no <org> in the body"
[ "$(xp "count(//*[local-name()='location'])")" -ge 1 ] || fail "no <location> in the body"

# the four direct quotes, with their sources, in order
[ "$(xp "count(//*[local-name()='q'])")" = 4 ] ||
  fail "$(xp "count(//*[local-name()='q'])") <q> elements, want 4"
want=("John Kirby|Secretary Kerry expressed concerns"
      "John Kirby|The secretary made clear"
      "Sergey Lavrov|[S]omeone in Washington"
      "Sergey Lavrov|Not long ago, the Americans")
for i in 1 2 3 4; do
  w=${want[$((i - 1))]}
  src=$(xp "string((//*[local-name()='q'])[$i]/@quote-source)")
  txt=$(xp "string((//*[local-name()='q'])[$i])")
  [ "$src" = "${w%%|*}" ] || fail "quote $i: source '$src', want '${w%%|*}'"
  case $txt in "${w#*|}"*) ;; *) fail "quote $i: '$txt' does not start with '${w#*|}'" ;; esac
done
# John Kirby's title reaches the desk
[ -n "$(xp "string(//*[local-name()='assert'][@literal='John Kirby']/*[local-name()='note'])")" ] ||
  fail "no title for John Kirby in his assert"
[ $bad = 0 ] && echo "OK: seed item complete"
exit $bad
