#!/usr/bin/env bash
# newsml_corpus.sh - NewsML-G2 items from the seed and a sample of every
# corpus in ../shared/corpus: each converts, each item (NITF and XHTML
# bodies) and the batch newsMessage validate with `newsprism validate` and
# with xmllint against the NewsML-G2 2.35 + NITF 3.6 schema, each item is
# complete, and a second run gives identical bytes.
set -euo pipefail
: "${NEWSPRISM:?set NEWSPRISM to the newsprism binary}"
shared=${NP_SHARED:-$(dirname "$0")/../../../shared}
xsd=$shared/reference/newsml-g2/LOCAL-newsml-g2-2.35-plus-nitf-3.6.xsd
if [ ! -f "$xsd" ] || [ ! -d "$shared/corpus" ]; then
  echo "SKIPPED: $shared (schema and corpora) not found; set NP_SHARED"; exit 77
fi
if ! command -v xmllint >/dev/null 2>&1; then
  echo "SKIPPED: xmllint not installed (scripts/install-deps.sh test)"; exit 77
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# The sample: four files spread over each corpus (sorted, so the same every
# run) plus the known awkward ones, linked under unique names.
mkdir "$tmp/in"
n=0
link() { # link FILE NAME
  ext=${1##*.}
  ln -s "$1" "$tmp/in/$2.$ext"
  n=$((n + 1))
}
link "$shared/seed/kerry-lavrov.txt" seed
for corpus in bbc onestopenglish polnear-dev wikinews-de wikinews-fr; do
  mapfile -t files < <(find "$shared/corpus/$corpus" -type f \
    \( -name '*.txt' -o -name '*.html' \) ! -name 'README*' | LC_ALL=C sort)
  total=${#files[@]}
  [ "$total" -gt 0 ] || fail "no articles in corpus $corpus"
  for k in 0 1 2 3; do
    link "${files[$((k * (total - 1) / 3))]}" "$corpus-$k"
  done
done
# a raw Latin-1 byte; a Windows-1252 file
[ -f "$shared/corpus/bbc/sport/199.txt" ] && link "$shared/corpus/bbc/sport/199.txt" bbc-latin1
cp1252=$(find "$shared/corpus/onestopenglish" -name 'WNL Ships noise-int.txt' | head -1)
[ -n "$cp1252" ] && link "$cp1252" onestop-cp1252
echo "sample: $n articles"

run() { # run OUTDIR [options...]
  out=$1; shift
  SOURCE_DATE_EPOCH=1700000000 "$NEWSPRISM" convert -q -f newsml -o "$out" "$@" "$tmp/in" ||
    fail "convert $* exited $?"
}
run "$tmp/nitf" --newsml-message
run "$tmp/nitf2" --newsml-message
run "$tmp/xhtml" --newsml-body xhtml

for f in "$tmp"/in/*; do
  id=$(basename "${f%.*}")
  [ -s "$tmp/nitf/$id.newsml.xml" ] || fail "no item for $id"
done
[ -s "$tmp/nitf/newsmessage.xml" ] || fail "no newsmessage.xml"

# reproducible
diff -r "$tmp/nitf" "$tmp/nitf2" >/dev/null || fail "a second run gave other bytes"

mapfile -t items < <(find "$tmp/nitf" "$tmp/xhtml" -name '*.xml' | LC_ALL=C sort)
echo "validating ${#items[@]} files"
"$NEWSPRISM" validate -q --schema "$xsd" "${items[@]}" || fail "newsprism validate"
xmllint --nonet --noout --schema "$xsd" "${items[@]}" 2>"$tmp/xmllint.err" || {
  grep -v 'Skipping import' "$tmp/xmllint.err" >&2; fail "xmllint"; }

# complete: a guid, a headline, a NITF body with paragraphs, a subject per
# entity kind the article names, and the message lists every item
xp() { xmllint --nonet --xpath "$1" "$2" 2>/dev/null || true; }
for f in "$tmp"/nitf/*.newsml.xml; do
  [ -n "$(xp 'string(/*/@guid)' "$f")" ] || fail "$f: no guid"
  [ -n "$(xp 'string(//*[local-name()="headline"])' "$f")" ] || fail "$f: empty headline"
  [ "$(xp 'count(//*[local-name()="body.content"]/*[local-name()="p"])' "$f")" -ge 1 ] ||
    fail "$f: no paragraphs"
  [ "$(xp 'string(//*[local-name()="versionCreated"])' "$f")" = 2023-11-14T22:13:20Z ] ||
    fail "$f: versionCreated is not SOURCE_DATE_EPOCH"
done
refs=$(xp 'count(//*[local-name()="itemRef"])' "$tmp/nitf/newsmessage.xml")
inmsg=$(xp 'count(//*[local-name()="itemSet"]/*[local-name()="newsItem"])' "$tmp/nitf/newsmessage.xml")
[ "$refs" = "$n" ] && [ "$inmsg" = "$n" ] ||
  fail "newsMessage lists $refs refs and $inmsg items for $n articles"

# a broken item is caught by both validators
sed 's|<itemClass qcode="ninat:text"/>||' "$tmp/nitf/seed.newsml.xml" >"$tmp/broken.xml"
if "$NEWSPRISM" validate -q --schema "$xsd" "$tmp/broken.xml" >"$tmp/report" 2>&1; then
  fail "newsprism validate accepted a broken item"
fi
grep -q "broken.xml:[0-9]*: .*itemClass" "$tmp/report" || fail "no FILE:LINE report: $(cat "$tmp/report")"
if xmllint --nonet --noout --schema "$xsd" "$tmp/broken.xml" 2>/dev/null; then
  fail "xmllint accepted a broken item"
fi
echo "OK: $n articles, ${#items[@]} files valid"
