#!/usr/bin/env bash
# The output folder may lie inside the input folder (convert . -o out):
# folders are walked as the run goes, so the files this run writes must
# never be read back as articles, and a second run must not convert the
# first run's outputs either.
set -euo pipefail
np=${NEWSPRISM:?}
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
mkdir -p "$t/in/news"
for i in 1 2 3; do
  printf 'Story %s\n\n"It is day %s," Ann Lee said.\n' "$i" "$i" > "$t/in/news/s$i.txt"
done
printf 'Late story\n\n"Last one," Ann Lee said.\n' > "$t/in/zz.txt"
count() { tr -d '\r' < "$1" | tail -n +2 | grep -c . ; }
for run in 1 2; do
  "$np" convert -q -j 2 -f csv,jsonld -o "$t/in/out" "$t/in"
  n=$(count "$t/in/out/articles.csv")
  [ "$n" = 4 ] || { echo "FAIL: run $run converted $n articles, not 4"; exit 1; }
done
# "out" sorts between "news" and "zz": the walk reached it and went past.
grep -q '^zz,' "$t/in/out/articles.csv" || { echo "FAIL: zz not converted"; exit 1; }
echo "ok: the output folder inside the input is never read back"
