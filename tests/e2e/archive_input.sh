#!/usr/bin/env bash
# archive_input.sh - archives given to `convert`: tar, tar.gz, tar.xz,
# tar.zst and zip (written here by Python and zstd), each entry an article
# whose id is the entry's path; also on stdin.
set -euo pipefail
source "$(dirname "$0")/archive_common.inc"
formats=$(working_formats)
[ "$formats" = newsml,jsonld,ninjs,csv,jsonl ] || { echo "FAIL: only these exporters convert the sample article: $formats"; exit 1; }
cd "$tmp"
python3 - "$NP_SOURCE_DIR/examples/sample-article.txt" <<'PY'
import io, sys, tarfile, zipfile
sample = open(sys.argv[1], "rb").read()
files = [("news/sport/001.txt", sample), ("news/world/café.txt", b"Headline\n\n\"Yes,\" Ann Lee said.\n"),
         ("news/.hidden.txt", b"skip me")]
for mode, name in [("w", "a.tar"), ("w:gz", "a.tar.gz"), ("w:xz", "a.tar.xz")]:
    with tarfile.open(name, mode, format=tarfile.PAX_FORMAT) as t:
        for n, data in files:
            i = tarfile.TarInfo(n); i.size = len(data); t.addfile(i, io.BytesIO(data))
with zipfile.ZipFile("a.zip", "w", zipfile.ZIP_DEFLATED) as z:
    for n, data in files:
        z.writestr(n, data)
PY
zstd -q a.tar -o a.tar.zst
first=${formats%%,*}
for a in a.tar a.tar.gz a.tar.xz a.tar.zst a.zip; do
  rm -rf out
  "$NEWSPRISM" convert -q -f "$formats" -o out "$a" 2> err.txt || { cat err.txt; fail "convert $a"; }
  found=$(cd out && find . -type f | grep -v -e '\.csv$' -e '\.json$' -e '\.jsonl$' | sed 's|^\./||' | sed 's|\..*||' | sort -u | tr '\n' ' ')
  [ "$found" = "news/sport/001 news/world/caf__ " ] || fail "$a gave ids: $found"
done
# an archive on stdin
rm -rf out
"$NEWSPRISM" convert -q -f "$formats" -o out - < a.tar.gz || fail "convert - < a.tar.gz"
ls out/news/sport/001.* > /dev/null || fail "stdin archive: $(find out)"
# and straight back into a bag
"$NEWSPRISM" convert -q -f "$formats" -o out --archive out/again.zip a.tar.xz
"$NEWSPRISM" verify out/again.zip > /dev/null || fail "verify the bag of an archive input"
echo "archive_input: OK ($formats)"
