#!/usr/bin/env bash
# Inputs whose ids collide (same base name in two folders, or names that are
# equal once sanitised) must not overwrite each other: later ones get -2, -3.
set -euo pipefail
np=${NEWSPRISM:?}
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
mkdir -p "$t/a" "$t/b"
printf 'Ferry strike ends\n\nThe ferry crews went back to work.\n' > "$t/a/x.txt"
printf 'Bridge reopens\n\nThe old bridge reopened on Monday.\n' > "$t/b/x.txt"
printf 'Market day\n\nStalls filled the square.\n' > "$t/a/x y.txt"
printf 'Harbour fog\n\nFog closed the harbour.\n' > "$t/b/x_y.txt"
"$np" convert -q -f csv,jsonld -o "$t/out" "$t/a/x.txt" "$t/b/x.txt" "$t/a/x y.txt" "$t/b/x_y.txt"
ids=$(tr -d '\r' < "$t/out/articles.csv" | tail -n +2 | cut -d, -f1 | tr '\n' ' ')
[ "$ids" = "x x-2 x_y x_y-2 " ] || { echo "FAIL: ids were: $ids"; exit 1; }
for f in x x-2 x_y x_y-2; do
  [ -f "$t/out/$f.jsonld" ] || { echo "FAIL: $f.jsonld missing"; exit 1; }
done
grep -q 'Bridge reopens' "$t/out/x-2.jsonld" || { echo "FAIL: x-2 is not the second input"; exit 1; }
grep -q 'Ferry strike ends' "$t/out/x.jsonld" || { echo "FAIL: x was overwritten"; exit 1; }
echo "ok: colliding ids get deterministic suffixes"
