#!/usr/bin/env bash
# jsonld_cli.sh - the JSON exporters through the command line:
#  - `-f jsonl` writes articles.jsonl, one line per article, each line the
#    same bytes as that article's one-line <id>.jsonld, in input order;
#  - the same inputs and options give byte-identical files, run after run
#    and with -j 1 or -j 2;
#  - text holding </script> and <!-- never reaches the output raw;
#  - ninjs lands in <id>.ninjs.json;
#  - a relative --base-url is refused with a message.
set -euo pipefail
: "${NEWSPRISM:?set by CTest}" "${NP_SOURCE_DIR:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
in=$work/in
mkdir -p "$in/sub"
cp "$NP_SOURCE_DIR/examples/sample-article.txt" "$in/a-sample.txt"
printf 'Scripts in the news\n\nThe page said "</script><script>alert(1)</script>" and <!-- hid it.\n\nA second paragraph\nwith a line break.\n' >"$in/b-script.txt"
printf 'Kurz\n\nDer Rat sagte: \xe2\x80\x9eWir bauen.\xe2\x80\x9c \xc3\xa4\xc3\xb6\xc3\xbc \xe2\x80\x94 Ende.\n' >"$in/sub/c-umlaut.txt"
if [ -n "${NP_SHARED:-}" ] && [ -f "$NP_SHARED/seed/kerry-lavrov.txt" ]; then
  cp "$NP_SHARED/seed/kerry-lavrov.txt" "$in/sub/d-seed.txt"
fi

run() { # run OUT [options...]
  local out=$1; shift
  "$NEWSPRISM" convert -q -o "$out" -f jsonld,jsonl,ninjs --now 2024-03-04T05:06:07Z \
    --base-url https://news.example.com/ "$@" "$in"
}
run "$work/o1" -j 1
run "$work/o2" -j 1
run "$work/o3" -j 2
diff -r "$work/o1" "$work/o2" >/dev/null || { echo "FAIL: two runs differ" >&2; exit 1; }
diff -r "$work/o1" "$work/o3" >/dev/null || { echo "FAIL: -j 2 differs from -j 1" >&2; exit 1; }

o=$work/o1
mapfile -t docs < <(cd "$o" && find . -name '*.jsonld' | sed 's|^\./||' | LC_ALL=C sort)
[ -f "$o/articles.jsonl" ] || { echo "FAIL: no articles.jsonl" >&2; exit 1; }
lines=$(wc -l <"$o/articles.jsonl")
[ "$lines" -eq "${#docs[@]}" ] ||
  { echo "FAIL: $lines lines in articles.jsonl for ${#docs[@]} articles" >&2; exit 1; }
# input order is the sorted walk of the folder: the same as the sorted ids
i=0
while IFS= read -r line; do
  want=$(cat "$o/${docs[$i]}")
  [ "$line" = "$want" ] ||
    { echo "FAIL: line $((i + 1)) is not ${docs[$i]}" >&2; exit 1; }
  i=$((i + 1))
done <"$o/articles.jsonl"
python3 -c '
import json, sys
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    d = json.loads(line)
    assert d["@type"] == "NewsArticle", n
    assert d["@id"].startswith("https://news.example.com/"), d["@id"]
' "$o/articles.jsonl"

for f in "$o"/*.jsonld "$o"/sub/*.jsonld "$o/articles.jsonl"; do
  if grep -q -e '</' -e '<!--' "$f"; then
    echo "FAIL: $f holds a raw </ or <!--" >&2
    exit 1
  fi
done
grep -q '<\\/script>' "$o/b-script.jsonld" || { echo "FAIL: </script> not escaped" >&2; exit 1; }
python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert "\"</script><script>alert(1)</script>\" and <!-- hid it." in d["articleBody"], d["articleBody"]
assert "A second paragraph with a line break." in d["articleBody"]
' "$o/b-script.jsonld"
[ -f "$o/sub/c-umlaut.ninjs.json" ] || { echo "FAIL: no sub/c-umlaut.ninjs.json" >&2; exit 1; }

# --pretty: indented, still one document per file
run "$work/p" --pretty
[ "$(wc -l <"$work/p/a-sample.jsonld")" -gt 5 ] || { echo "FAIL: --pretty" >&2; exit 1; }
[ "$(wc -l <"$work/p/articles.jsonl")" -eq "${#docs[@]}" ] ||
  { echo "FAIL: --pretty changed articles.jsonl" >&2; exit 1; }

# a relative --base-url cannot make absolute @ids: refused, nothing written
set +e
msg=$("$NEWSPRISM" convert -q -o "$work/bad" -f jsonld --base-url news/ "$in/a-sample.txt" 2>&1)
rc=$?
set -e
[ $rc -ne 0 ] || { echo "FAIL: relative --base-url accepted" >&2; exit 1; }
case $msg in *base-url*) ;; *) echo "FAIL: no reason given: $msg" >&2; exit 1 ;; esac
[ -z "$(find "$work/bad" -name '*.jsonld' 2>/dev/null)" ] ||
  { echo "FAIL: a document was written" >&2; exit 1; }
echo "jsonld_cli: OK (${#docs[@]} articles)"
