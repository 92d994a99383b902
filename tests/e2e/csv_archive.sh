#!/usr/bin/env bash
# csv_archive.sh - an archive holds the CSV tables and their descriptions,
# byte for byte the files the same run writes to a folder.
set -euo pipefail
np=${NEWSPRISM:?NEWSPRISM must name the newsprism binary}
src=${NP_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
command -v tar >/dev/null || { echo "SKIPPED: tar not found"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$np" convert -q -f csv -o "$work/out" --archive "$work/a.tar.gz" "$src"/examples/*.txt
mkdir "$work/x"
tar -xzf "$work/a.tar.gz" -C "$work/x"
fail=0
for f in quotes.csv entities.csv articles.csv quotes.schema.json entities.schema.json \
         articles.schema.json csv-metadata.json datapackage.json; do
  got=$(find "$work/x" -name "$f" -type f | head -1)
  if [ -z "$got" ]; then
    echo "FAIL: $f is not in the archive"; fail=1
  elif ! cmp -s "$got" "$work/out/$f"; then
    echo "FAIL: $f in the archive differs from $work/out/$f"; fail=1
  fi
done
[ "$fail" -eq 0 ] && echo "PASS: the archive holds every table and schema as written to the folder"
exit "$fail"
